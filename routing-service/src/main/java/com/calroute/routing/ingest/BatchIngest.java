package com.calroute.routing.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One poll's records into the lookup table, in record order. Parsing is three quarters of the start-up replay and
 * needs nothing but the record, so a large batch is parsed on a small pool while the calling thread applies the
 * parsed chunks one after the other — every table write and every {@link IngestLoop.Listener} call stays on the
 * calling thread in the order the records came. A small batch (live traffic) is parsed on the calling thread: a
 * hand-over to the pool would only add latency.
 */
public final class BatchIngest implements AutoCloseable {

    /** The smallest batch parsed on the pool; below it the hand-over costs more than it saves. */
    public static final int PARALLEL_FROM = 64;

    /**
     * Records per pool task: small enough that the first chunk is ready soon and that calendars (slow to parse) and
     * users (quick) spread evenly over the threads, large enough that the hand-over is noise.
     */
    static final int CHUNK = 250;

    /** How one record's value becomes an update ({@link MessageParser#parse}); called from several threads at once. */
    @FunctionalInterface
    public interface Parser {

        /** The update a record of {@code topic} stands for, or poison. */
        Update parse(String topic, String key, String value) throws PoisonMessageException;
    }

    private final TopicNames topics;
    private final Parser parser;
    private final UserTable table;
    private final IngestLoop.Listener listener;
    private final ExecutorService pool;

    /**
     * Batches read into {@code table}, heard by {@code listener}; large ones parsed on {@code threads} daemon threads
     * named after {@code name} ({@code threads < 2}: every batch on the calling thread).
     */
    public BatchIngest(String name, TopicNames topics, Parser parser, UserTable table, IngestLoop.Listener listener,
                       int threads) {
        this.topics = topics;
        this.parser = parser;
        this.table = table;
        this.listener = listener;
        this.pool = threads < 2 ? null : Executors.newFixedThreadPool(threads, daemonThreads(name + "-parse-"));
    }

    /** Parses {@code records} and applies them, in their order; a fault parsing one is thrown in its place. */
    public void ingest(List<ConsumerRecord<String, String>> records) {
        apply(parse(records));
    }

    /**
     * Starts parsing {@code records}: a large batch's chunks are handed to the pool at once (behind any batch handed
     * to it before), a small batch is parsed when it is applied.
     */
    public Parsing parse(List<ConsumerRecord<String, String>> records) {
        if (pool == null || records.size() < PARALLEL_FROM) {
            return new Parsing(records, null);
        }
        List<Future<List<Parsed>>> chunks = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<ConsumerRecord<String, String>> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
            chunks.add(pool.submit(() -> parseAll(chunk)));
        }
        return new Parsing(records, chunks);
    }

    /**
     * Applies a batch {@link #parse} started, in record order, on the calling thread, as its chunks are parsed; a
     * fault parsing a record is thrown in its place.
     */
    public void apply(Parsing batch) {
        if (batch.chunks == null) {
            for (ConsumerRecord<String, String> record : batch.records) {
                apply(record, parse(record));
            }
            return;
        }
        int next = 0;
        for (Future<List<Parsed>> chunk : batch.chunks) {
            for (Parsed parsed : resultOf(chunk)) {
                apply(batch.records.get(next++), parsed);
            }
        }
    }

    /** A batch whose parsing {@link #parse} started, to be {@link #apply applied} once, in its turn. */
    public static final class Parsing {

        private final List<ConsumerRecord<String, String>> records;
        private final List<Future<List<Parsed>>> chunks;

        private Parsing(List<ConsumerRecord<String, String>> records, List<Future<List<Parsed>>> chunks) {
            this.records = records;
            this.chunks = chunks;
        }

        /** Whether the batch is being parsed on the pool (else it is parsed as it is applied). */
        public boolean onPool() {
            return chunks != null;
        }
    }

    /** Lets the chunks already handed to the pool finish, then ends its threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** What parsing one record gave: an update, the reason it is poison, or the fault that parsing raised. */
    private record Parsed(Update update, String poison, RuntimeException fault) {
    }

    private List<Parsed> parseAll(List<ConsumerRecord<String, String>> records) {
        List<Parsed> parsed = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            parsed.add(parse(record));
        }
        return parsed;
    }

    private Parsed parse(ConsumerRecord<String, String> record) {
        if (record.topic().equals(topics.dlq())) {
            return null; // a dead letter is heard as it is, never parsed: apply() hands it on
        }
        try {
            return new Parsed(parser.parse(record.topic(), record.key(), record.value()), null, null);
        } catch (PoisonMessageException e) {
            return new Parsed(null, e.getMessage(), null);
        } catch (RuntimeException e) {
            // Thrown when its record's turn comes, so the records before it are applied as if read one by one.
            return new Parsed(null, null, e);
        }
    }

    private void apply(ConsumerRecord<String, String> record, Parsed parsed) {
        if (record.topic().equals(topics.dlq())) {
            listener.deadLettered(record);
            return;
        }
        if (parsed.fault() != null) {
            throw parsed.fault();
        }
        if (parsed.poison() != null) {
            listener.poison(record, parsed.poison());
            return;
        }
        listener.applied(parsed.update(), table.apply(parsed.update()));
    }

    private static List<Parsed> resultOf(Future<List<Parsed>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was parsed", e);
        } catch (ExecutionException e) {
            // parseAll catches what parsing throws; what is left (an Error) is the JVM's, not a record's.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("parsing a batch failed", e.getCause());
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
