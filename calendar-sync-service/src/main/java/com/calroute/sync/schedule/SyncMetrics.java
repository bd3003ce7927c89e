package com.calroute.sync.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** The service's metrics: mailboxes synced, change-to-Kafka latency, EWS calls and errors by code, back-off time. */
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter unchanged;
    private final Counter failedReads;
    private final Timer changeToKafka;
    private final Timer readDuration;
    private final Counter backOffSeconds;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("calroute.sync.mailboxes.synced").tag("outcome", "published")
                .description("Mailbox reads, by whether a new snapshot was published").register(registry);
        this.unchanged = Counter.builder("calroute.sync.mailboxes.synced").tag("outcome", "unchanged")
                .description("Mailbox reads, by whether a new snapshot was published").register(registry);
        this.failedReads = Counter.builder("calroute.sync.mailboxes.synced").tag("outcome", "failed")
                .description("Mailbox reads, by whether a new snapshot was published").register(registry);
        this.changeToKafka = Timer.builder("calroute.sync.latency")
                .description("From Exchange's change notification to the broker's acknowledgement of the snapshot")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.readDuration = Timer.builder("calroute.sync.read.duration")
                .description("Reading and publishing one mailbox").register(registry);
        this.backOffSeconds = Counter.builder("calroute.ews.backoff.seconds")
                .description("Time tenants spent backing off at Exchange's request").register(registry);
    }

    /** A mailbox read ended; {@code publishedSnapshot} tells if a new snapshot went out. */
    public void read(boolean publishedSnapshot, Duration took) {
        (publishedSnapshot ? published : unchanged).increment();
        readDuration.record(took);
    }

    /** A mailbox read failed. */
    public void readFailed() {
        failedReads.increment();
    }

    /** A change notified at some moment reached Kafka {@code latency} later. */
    public void changeLatency(Duration latency) {
        changeToKafka.record(latency);
    }

    /** One EWS call ended; {@code code} is Exchange's error code, a transport class, or "OK". */
    public void ewsCall(String operation, String code, long nanos) {
        Counter.builder("calroute.ews.calls").tag("operation", operation).tag("code", code)
                .description("EWS calls by operation and result code").register(registry).increment();
        if (!"OK".equals(code)) {
            Counter.builder("calroute.ews.errors").tag("operation", operation).tag("code", code)
                    .description("Failed EWS calls by Exchange error code").register(registry).increment();
        }
    }

    /** A tenant backed off for {@code wait}. */
    public void backedOff(Duration wait) {
        backOffSeconds.increment(wait.toMillis() / 1000.0);
    }
}
