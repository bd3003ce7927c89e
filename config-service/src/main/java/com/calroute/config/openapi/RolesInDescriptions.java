package com.calroute.config.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes each operation's allowed roles into its description ("Roles: ..."), taken from the security requirement
 * Quarkus derives from {@code @RolesAllowed}, so readers of the document see them without decoding scopes.
 */
public class RolesInDescriptions implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::describe));
    }

    private void describe(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.isEmpty()) {
            return;
        }
        TreeSet<String> roles = new TreeSet<>();
        for (SecurityRequirement requirement : security) {
            Map<String, List<String>> schemes = requirement.getSchemes();
            if (schemes != null) {
                schemes.values().forEach(roles::addAll);
            }
        }
        if (roles.isEmpty()) {
            return;
        }
        String line = "Roles: " + String.join(", ", roles) + ".";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? line : description + "\n\n" + line);
    }
}
