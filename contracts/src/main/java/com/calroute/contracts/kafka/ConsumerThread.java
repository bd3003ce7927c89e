package com.calroute.contracts.kafka;

import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;

/**
 * The one way a Calroute component runs a raw Kafka consumer's poll loop on a thread of its own: a daemon thread
 * named for the consumer, a loop that polls while {@link #running()}, and a stop that wakes the consumer and waits
 * for the loop (which closes its consumer on the way out) at most {@link #STOP_PATIENCE}.
 */
public final class ConsumerThread {

    /** How long {@link #stop()} waits for the loop to close its consumer (a group member's last commit and leave). */
    public static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final Consumer<?, ?> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** A thread named {@code name} that runs {@code loop}, which polls {@code consumer} while {@link #running()}. */
    public ConsumerThread(String name, Consumer<?, ?> consumer, Runnable loop) {
        this.consumer = consumer;
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts the loop. */
    public void start() {
        thread.start();
    }

    /** True until {@link #stop()}: the loop's condition. */
    public boolean running() {
        return running;
    }

    /** Ends the loop: its poll returns at once with a {@code WakeupException}; returns once the loop has ended. */
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(STOP_PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
