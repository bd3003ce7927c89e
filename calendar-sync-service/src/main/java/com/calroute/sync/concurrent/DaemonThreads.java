package com.calroute.sync.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the service's own threads and makes them daemons, so a thread dump says what each does and none keeps a
 * stopping JVM alive; the one thread factory of the service's executors.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + "-" + number.incrementAndGet());
    }

    /** Threads all named {@code name} (a single-thread executor's). */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
