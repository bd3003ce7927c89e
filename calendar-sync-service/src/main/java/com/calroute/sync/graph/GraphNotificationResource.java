package com.calroute.sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where Microsoft Graph posts change and lifecycle notifications. Graph sends no credentials: the validation
 * handshake is answered by echoing {@code validationToken} as text/plain, and a notification is acted on only when
 * its subscription is ours and its {@code clientState} is the secret we gave it. Always 202 for notifications,
 * quickly, so Graph does not retry or drop the subscription.
 */
@Path("/graph/v1")
@PermitAll
public class GraphNotificationResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GraphConnector graph;

    @Inject
    public GraphNotificationResource(GraphConnector graph) {
        this.graph = graph;
    }

    @POST
    @Path("/notifications")
    @Blocking
    @Operation(summary = "Microsoft Graph change notifications (validated by the subscription's clientState)")
    public Response notifications(@QueryParam("validationToken") String validationToken, byte[] body) {
        if (validationToken != null) {
            return Response.ok(validationToken, MediaType.TEXT_PLAIN_TYPE).build();
        }
        GraphSubscriptionManager manager = graph.subscriptions();
        for (JsonNode notification : values(body)) {
            if (manager != null) {
                manager.notified(notification);
            }
        }
        return Response.accepted().build();
    }

    @POST
    @Path("/lifecycle")
    @Blocking
    @Operation(summary = "Microsoft Graph lifecycle notifications (validated by the subscription's clientState)")
    public Response lifecycle(@QueryParam("validationToken") String validationToken, byte[] body) {
        if (validationToken != null) {
            return Response.ok(validationToken, MediaType.TEXT_PLAIN_TYPE).build();
        }
        GraphSubscriptionManager manager = graph.subscriptions();
        for (JsonNode notification : values(body)) {
            if (manager != null) {
                try {
                    manager.lifecycle(notification);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return Response.accepted().build();
    }

    private static Iterable<JsonNode> values(byte[] body) {
        try {
            JsonNode root = body == null || body.length == 0 ? null : JSON.readTree(body);
            return root == null ? java.util.List.of() : root.path("value");
        } catch (IOException e) {
            return java.util.List.of();
        }
    }
}
