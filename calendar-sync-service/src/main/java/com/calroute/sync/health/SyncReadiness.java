package com.calroute.sync.health;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Ready when the broker answers, the users partitions are loaded, and shutdown has not begun. The broker is asked
 * in the background every second and the probe answers from that: a probe that waits for a broker which does not
 * answer would time out, and Kubernetes would fail the pod for the wrong reason.
 */
@Readiness
@ApplicationScoped
public class SyncReadiness implements HealthCheck {

    private final SyncLifecycle runtime;
    private final Admin admin;
    private volatile boolean broker;

    @Inject
    public SyncReadiness(SyncLifecycle runtime, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.runtime = runtime;
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        this.admin = Admin.create(properties);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void askTheBroker() {
        try {
            broker = !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(2500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            broker = false;
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean stopping = runtime.stopping();
        boolean loaded = runtime.ready();
        return HealthCheckResponse.named("calendar-sync")
                .status(broker && loaded && !stopping)
                .withData("kafka", broker ? "up" : "down")
                .withData("usersLoaded", loaded)
                .withData("stopping", stopping)
                .build();
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
