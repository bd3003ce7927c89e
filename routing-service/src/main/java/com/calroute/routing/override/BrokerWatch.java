package com.calroute.routing.override;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the broker answered a moment ago: asked in the background every second, so an override write can be
 * refused at once while the broker is away instead of waiting out its write time-out. Lookups do not ask; they
 * are answered from memory whatever the broker does. A timer of its own rather than {@code @Scheduled}: the routing
 * node is plain Java that tests build and stop without Quarkus, and its background work starts and ends with it.
 */
public final class BrokerWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private final Admin admin;
    private final ScheduledExecutorService asker;
    private volatile boolean reachable = true;

    /** Watches the broker of these client settings under this client id. */
    public BrokerWatch(Map<String, Object> kafka, String clientId) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(PATIENCE.toMillis()));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(PATIENCE.toMillis()));
        this.admin = Admin.create(properties);
        this.asker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, clientId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts asking. */
    public void start() {
        asker.scheduleWithFixedDelay(this::ask, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False once the broker did not answer the last question; true again as soon as it does. */
    public boolean reachable() {
        return reachable;
    }

    private void ask() {
        try {
            reachable = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PATIENCE.toMillis()))
                    .nodes().get(PATIENCE.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            reachable = false;
        }
    }

    @Override
    public void close() {
        asker.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
