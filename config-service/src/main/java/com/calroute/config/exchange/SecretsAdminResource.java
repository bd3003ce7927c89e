package com.calroute.config.exchange;

import com.calroute.config.identity.Caller;
import com.calroute.contracts.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's key rotation step: after adding a new active key, move every stored secret under it. */
@Path("/api/v1/admin/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class SecretsAdminResource {

    @Inject
    SecretRotationService rotation;

    @Inject
    Caller caller;

    @POST
    @Path("re-encrypt")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Re-encrypt every stored secret under the active key; reports the counts")
    public SecretRotationService.RotationReport reEncrypt() {
        return rotation.reEncryptAll(caller.actor());
    }
}
