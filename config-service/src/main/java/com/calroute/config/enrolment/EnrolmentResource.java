package com.calroute.config.enrolment;

import com.calroute.config.enrolment.csv.EnrolmentCsv;
import com.calroute.config.identity.Caller;
import com.calroute.config.rules.PageRequest;
import com.calroute.contracts.identity.Roles;
import com.calroute.contracts.problem.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tenant admin's enrolment of employees: one at a time or in bulk (JSON array or CSV), list, change, un-enrol. */
@Path("/api/v1/tenants/{tenantId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Enrolment")
public class EnrolmentResource {

    /** Largest bulk upload, in bytes. */
    public static final int MAX_BULK_BYTES = 5 * 1024 * 1024;

    @Inject
    EnrolmentService enrolment;

    @Inject
    BulkEnrolmentService bulk;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "List enrolled users (page, size ≤ 200, q on e-mail/name, syncEnabled, sort); total counts all matches")
    public EnrolmentApi.UserPage list(@PathParam("tenantId") String tenantId, @QueryParam("page") String page,
                                      @QueryParam("size") String size, @QueryParam("q") String q,
                                      @QueryParam("syncEnabled") Boolean syncEnabled,
                                      @Parameter(description = "email (default), name, mobileNumber, createdAt or"
                                              + " updatedAt; a leading - sorts descending, e.g. -updatedAt")
                                      @QueryParam("sort") String sort) {
        caller.requireOwnTenant(tenantId);
        return enrolment.list(tenantId, PageRequest.parse(page, size), q, syncEnabled, sort);
    }

    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Enrol one user (e-mail, E.164 mobile number, display name)")
    public Response create(@PathParam("tenantId") String tenantId, EnrolmentApi.NewUser request) {
        caller.requireOwnTenant(tenantId);
        EnrolmentApi.UserView user = enrolment.create(caller.actor(), tenantId, request);
        // A path, not an absolute URI: JAX-RS would resolve one against the request's Host header, which the client sets.
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenantId + "/users/" + user.id())
                .entity(user).build();
    }

    @POST
    @Path("bulk")
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Enrol up to 10,000 users (5 MB) from a JSON array or a CSV with header"
            + " email,mobileNumber,displayName; reports each row")
    public EnrolmentApi.BulkReport bulk(@PathParam("tenantId") String tenantId,
                                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        caller.requireOwnTenant(tenantId);
        String text = readLimited(body);
        List<EnrolmentCsv.Row> rows = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")
                ? EnrolmentCsv.parse(text) : jsonRows(text);
        return bulk.enrol(caller.actor(), tenantId, rows);
    }

    @GET
    @Path("{userId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Read one enrolled user")
    public EnrolmentApi.UserView get(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireOwnTenant(tenantId);
        return enrolment.get(tenantId, userId);
    }

    @PATCH
    @Path("{userId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Change a user's e-mail, mobile number or display name")
    public EnrolmentApi.UserView patch(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId,
                                       EnrolmentApi.PatchUser request) {
        caller.requireOwnTenant(tenantId);
        return enrolment.patch(caller.actor(), tenantId, userId, request);
    }

    @DELETE
    @Path("{userId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Un-enrol a user: a tombstone on calroute.users.v1; the id is never reused")
    public Response delete(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireOwnTenant(tenantId);
        enrolment.delete(caller.actor(), tenantId, userId);
        return Response.noContent().build();
    }

    private static String readLimited(InputStream body) {
        if (body == null) {
            throw ApiException.malformed("Send the users as a JSON array or a CSV file.");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BULK_BYTES + 1);
            if (bytes.length > MAX_BULK_BYTES) {
                throw ApiException.tooLarge("A bulk enrolment may be at most 5 MB. Split it into several uploads.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<EnrolmentCsv.Row> jsonRows(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.malformed("The body is not valid JSON.");
        }
        if (array == null || !array.isArray()) {
            throw ApiException.malformed("Send the users as a JSON array of {email, mobileNumber, displayName} objects.");
        }
        if (array.size() > BulkEnrolmentService.MAX_ROWS) {
            throw ApiException.tooLarge("A bulk enrolment may hold at most " + BulkEnrolmentService.MAX_ROWS
                    + " rows; this one has " + array.size() + ". Split it into several uploads.");
        }
        List<EnrolmentCsv.Row> rows = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            rows.add(BulkEnrolmentService.jsonRow(i + 1, array.get(i)));
        }
        return rows;
    }
}
