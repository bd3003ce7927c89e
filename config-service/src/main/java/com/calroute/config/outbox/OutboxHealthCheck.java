package com.calroute.config.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Shows whether changes reach Kafka. A wellness check, not readiness: while Kafka is down the service still accepts
 * and stores changes (the outbox holds them), so it should keep serving; {@code /q/health} reports the backlog.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxRelayService relay;

    @Override
    public HealthCheckResponse call() {
        OutboxRelayService.RelayHealth health = relay.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox-relay")
                .status(health.running() && health.consecutiveFailures() == 0)
                .withData("running", health.running())
                .withData("pending", health.pending())
                .withData("consecutiveFailures", health.consecutiveFailures());
        if (health.lastSuccessAt() != null) {
            response.withData("lastSuccessAt", health.lastSuccessAt().toString());
        }
        if (health.lastFailure() != null) {
            response.withData("lastFailure", health.lastFailure());
        }
        return response.build();
    }
}
