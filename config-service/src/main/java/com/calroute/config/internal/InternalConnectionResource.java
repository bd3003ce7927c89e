package com.calroute.config.internal;

import com.calroute.config.audit.AuditLog;
import com.calroute.config.exchange.ConnectionService;
import com.calroute.config.identity.Caller;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.identity.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Suite-internal API: calendar-sync-service fetches a tenant's connection, secrets decrypted, with a service token. */
@Path("/internal/v1/tenants/{tenantId}/connection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalConnectionResource {

    @Inject
    ConnectionService connections;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "A tenant's connection with decrypted secrets, for calendar-sync-service only")
    public Response connection(@PathParam("tenantId") String tenantId) {
        ExchangeConnection connection = connections.decrypted(tenantId);
        QuarkusTransaction.requiringNew().run(() -> audit.change(caller.actor(), "exchange.read-secrets",
                "tenant:" + tenantId, "connection version " + connection.connectionVersion()));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return Response.ok(connection).cacheControl(noStore).build();
    }
}
