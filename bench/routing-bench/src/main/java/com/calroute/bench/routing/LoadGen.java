package com.calroute.bench.routing;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP/1.1 load generator: requests go out at a fixed rate whatever the server does, over
 * keep-alive connections, and each latency is measured from the moment the request was <em>due</em>, not
 * when it was sent — so a stalled server shows up in the percentiles instead of slowing the generator down
 * (no coordinated omission, unlike Debian's closed-loop wrk). Loopback only.
 */
public final class LoadGen {

    private LoadGen() {
    }

    /**
     * Arguments: label, port, token file, path template (a {@code %07d}-style placeholder gets a random user index; else a fixed path),
     * user count, rate per second, warm-up seconds, measured seconds, connections, and optionally {@code callers}:
     * each request then names a caller, a third each one of the callee's priority callers, another bench user (a
     * colleague) and a number no bench user knows.
     */
    public static void main(String[] args) throws Exception {
        if ("interleave".equals(args[0])) {
            interleave(args);
            return;
        }
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        String token = java.nio.file.Files.readString(java.nio.file.Path.of(args[2])).trim();
        String pathTemplate = args[3];
        int users = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        int warmupSeconds = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        int connections = Integer.parseInt(args[8]);
        boolean callers = args.length > 9 && "callers".equals(args[9]);

        run(label + " warm-up", port, token, pathTemplate, users, rate, warmupSeconds, connections, callers, false);
        // The service's CPU over the measured run alone (-Dservice.pid): the warm-up's JIT work and start-up stay out.
        String servicePid = System.getProperty("service.pid");
        long before = servicePid == null ? 0 : cpuTicks(servicePid);
        long gcBefore = servicePid == null ? 0 : gcTicks(servicePid);
        long ownBefore = cpuTicks("self");
        long requests = run(label, port, token, pathTemplate, users, rate, seconds, connections, callers, true);
        if (servicePid != null) {
            // The generator's own CPU too: on a 2-core machine it shares the cores with the service it measures.
            System.out.printf("service-cpu-ticks %d requests %d loadgen-cpu-ticks %d gc-cpu-ticks %d%n",
                    cpuTicks(servicePid) - before, requests, cpuTicks("self") - ownBefore,
                    gcTicks(servicePid) - gcBefore);
        }
    }

    /**
     * The service's CPU per request for two paths measured in short slices alternating in one generator (one JVM,
     * warm): rounds of A B B A, so that a drift of the machine over a round falls on both alike. Arguments:
     * {@code interleave}, port, token file, path A, path B (templates as for a run), user count, rate, warm-up
     * seconds (each path once, unmeasured), slice seconds, rounds, connections, and optionally {@code callers} (both
     * paths). Prints a line per slice: {@code slice A|B <service CPU ticks> <requests answered>}.
     */
    private static void interleave(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String token = java.nio.file.Files.readString(java.nio.file.Path.of(args[2])).trim();
        String[] paths = {args[3], args[4]};
        int users = Integer.parseInt(args[5]);
        int rate = Integer.parseInt(args[6]);
        int warmupSeconds = Integer.parseInt(args[7]);
        int sliceSeconds = Integer.parseInt(args[8]);
        int rounds = Integer.parseInt(args[9]);
        int connections = Integer.parseInt(args[10]);
        boolean callers = args.length > 11 && "callers".equals(args[11]);
        String servicePid = System.getProperty("service.pid");
        for (String path : paths) {
            run("warm-up", port, token, path, users, rate, warmupSeconds, connections, callers, false);
        }
        for (int round = 0; round < rounds; round++) {
            for (int which : new int[] {0, 1, 1, 0}) {
                long before = cpuTicks(servicePid);
                long requests = run("slice", port, token, paths[which], users, rate, sliceSeconds, connections,
                        callers, false);
                System.out.printf("slice %s %d %d%n", which == 0 ? "A" : "B", cpuTicks(servicePid) - before, requests);
            }
        }
    }

    /** User and system CPU time of a process in clock ticks, from {@code /proc/PID/stat} (fields 14 and 15). */
    private static long cpuTicks(String pid) throws java.io.IOException {
        return ticks(java.nio.file.Path.of("/proc", pid, "stat"));
    }

    /**
     * The CPU time of the service's garbage collector threads (G1's, named {@code G1 …} and {@code GC Thread#…}), from
     * each thread's {@code /proc/PID/task/TID/stat}. With a million users a concurrent mark of the 2 GB table costs
     * seconds of CPU and comes about once a minute under load, in whichever run it happens to fall: printed apart, so
     * that the request path's own cost can be compared.
     */
    private static long gcTicks(String pid) throws java.io.IOException {
        long total = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", pid, "task"))) {
            for (java.nio.file.Path task : tasks.toList()) {
                try {
                    String name = java.nio.file.Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("G1 ") || name.startsWith("GC Thread")) {
                        total += ticks(task.resolve("stat"));
                    }
                } catch (java.io.IOException gone) {
                    // A thread that ended between the listing and the read.
                }
            }
        }
        return total;
    }

    private static long ticks(java.nio.file.Path stat) throws java.io.IOException {
        String text = java.nio.file.Files.readString(stat);
        // The command name (field 2) may hold blanks; the fields after its closing parenthesis start at field 3.
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** One open-loop run; answers how many requests were answered. */
    private static long run(String label, int port, String token, String pathTemplate, int users, int rate,
                            int seconds, int connections, boolean callers, boolean print) throws Exception {
        OpenLoop load = new OpenLoop(port, token, pathTemplate, users, rate, seconds, connections, callers);
        load.run();
        double elapsed = (load.finishedAt - load.start) / 1e9;
        Histogram all = load.histogram;
        if (print) {
            System.out.printf("%-22s target %5d req/s over %2d conns: %7.0f req/s achieved, %d requests, %d errors | "
                            + "p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n",
                    label, rate, connections, all.getTotalCount() / elapsed, all.getTotalCount(), load.errors,
                    all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                    all.getValueAtPercentile(99.9) / 1e6, all.getMaxValue() / 1e6);
        }
        return all.getTotalCount();
    }

    /**
     * One open-loop run over keep-alive connections served by two threads, whatever their number: a sender that
     * wakes at each request's due time and writes it, and a receiver waiting on all connections at once in one
     * selector. A blocking thread per connection (32) cost the machine 48 µs of CPU a request at 10,000 req/s (a timer
     * wake-up, a write, a read that found nothing, a poll and a second wake-up each) and kept up to 32 runnable threads
     * beside the service's event loops; two threads cost 39 µs there (at 5,000 req/s both ≈ 49 µs: fewer answers
     * arrive together). A connection carries one request at a time, as before: a request falling due while its
     * connection still waits for an answer is sent the moment that answer arrives and timed from when it was due.
     */
    private static final class OpenLoop {

        /** How long the receiver waits for any answer while some are owed before it counts them all as errors. */
        private static final long ANSWER_TIMEOUT_MILLIS = 30_000;

        private final Connection[] connections;
        private final long perConnection;
        private final long period;
        private final Histogram histogram = new Histogram(60_000_000_000L, 3);
        private final Selector selector;
        private final long start;
        private long errors;
        private long finishedAt;

        OpenLoop(int port, String token, String pathTemplate, int users, int rate, int seconds, int count,
                 boolean callers) throws IOException {
            this.perConnection = (long) rate * seconds / count;
            this.period = 1_000_000_000L / rate;
            this.selector = Selector.open();
            RequestTemplate template = RequestTemplate.of(pathTemplate, token);
            this.connections = new Connection[count];
            for (int c = 0; c < count; c++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                connections[c] = new Connection(channel, template, users, new Random(c), callers);
                channel.register(selector, SelectionKey.OP_READ, connections[c]);
            }
            this.start = System.nanoTime() + 50_000_000L;
        }

        void run() throws Exception {
            Thread receiver = new Thread(this::receive, "load-receiver");
            receiver.setDaemon(true);
            receiver.start();
            send();
            receiver.join();
            selector.close();
            for (Connection connection : connections) {
                connection.channel.close();
            }
        }

        /** The sender: request i falls due at start + i × period, on connection i mod n (n connections in turn). */
        private void send() {
            long total = perConnection * connections.length;
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                connections[(int) (i % connections.length)].due(due);
            }
        }

        /** The receiver: every answer timed from its request's due time; ends when every request is answered. */
        private void receive() {
            int open = connections.length;
            try {
                while (open > 0) {
                    if (selector.select(ANSWER_TIMEOUT_MILLIS) == 0) {
                        // Nothing from any connection for that long while answers are owed: the service is stuck.
                        System.err.println("no answer for " + ANSWER_TIMEOUT_MILLIS + " ms");
                        for (SelectionKey key : selector.keys()) { // the connections still open
                            errors += perConnection - ((Connection) key.attachment()).fail();
                        }
                        return;
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Connection connection = (Connection) key.attachment();
                        try {
                            connection.read();
                            int status;
                            while ((status = connection.nextAnswer()) >= 0) {
                                long due = connection.answered();
                                histogram.recordValue(Math.max(0, System.nanoTime() - due));
                                if (status != 200) {
                                    errors++;
                                }
                            }
                            if (connection.answeredAll(perConnection)) {
                                key.cancel();
                                open--;
                            }
                        } catch (IOException e) {
                            System.err.println("connection: " + e);
                            errors += perConnection - connection.fail();
                            key.cancel();
                            open--;
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                finishedAt = System.nanoTime();
            }
        }
    }

    /**
     * A request's fixed parts as bytes, made once (on a 2-core machine the generator's CPU is the service's loss), and
     * the width of the user index in between (-1: a fixed path).
     */
    private record RequestTemplate(byte[] head, byte[] tail, int width) {

        static RequestTemplate of(String pathTemplate, String token) {
            int placeholder = pathTemplate.indexOf('%');
            String prefix = placeholder < 0 ? pathTemplate : pathTemplate.substring(0, placeholder);
            int width = placeholder < 0 ? -1
                    : Integer.parseInt(pathTemplate.substring(placeholder + 2, pathTemplate.indexOf('d', placeholder)));
            return new RequestTemplate(("GET " + prefix).getBytes(StandardCharsets.US_ASCII),
                    (" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII), width);
        }
    }

    /**
     * One keep-alive connection: the due times of the requests it owes (the one in flight first). A request is
     * written by the sender when it falls due on an idle connection, else by the receiver the moment the answer to the
     * one before it comes in.
     */
    private static final class Connection {

        private final SocketChannel channel;
        private final RequestTemplate template;
        private final int users;
        private final Random random;
        private final boolean callers;
        private final ByteBuffer request;
        private final ArrayDeque<Long> owed = new ArrayDeque<>();
        private final Answers answers = new Answers();
        private long answeredCount;
        private boolean failed;

        Connection(SocketChannel channel, RequestTemplate template, int users, Random random, boolean callers) {
            this.channel = channel;
            this.template = template;
            this.users = users;
            this.random = random;
            this.callers = callers;
            this.request = ByteBuffer.allocate(template.head().length + template.tail().length + 256);
        }

        /** A request falls due (the sender): written now unless the one before still waits for its answer. */
        synchronized void due(long due) {
            if (failed) {
                return;
            }
            owed.addLast(due);
            if (owed.size() == 1) {
                write();
            }
        }

        /** The answer to the request in flight came (the receiver): answers its due time, and sends the next owed. */
        synchronized long answered() {
            long due = owed.removeFirst();
            answeredCount++;
            if (!owed.isEmpty()) {
                write();
            }
            return due;
        }

        synchronized boolean answeredAll(long count) {
            return answeredCount == count;
        }

        /** Sends nothing more; answers how many of its requests were answered. */
        synchronized long fail() {
            failed = true;
            owed.clear();
            return answeredCount;
        }

        /** Reads what has come in (once for each time the selector finds the connection readable). */
        void read() throws IOException {
            answers.read(channel);
        }

        /** The next whole answer's status code among what was read, or -1 until one has come in whole. */
        int nextAnswer() {
            return answers.next();
        }

        private void write() {
            int callee = random.nextInt(users);
            request.clear();
            request.put(template.head());
            if (template.width() >= 0) {
                putAscii(SeedUsers.padded(callee, template.width()));
            }
            if (callers) {
                putAscii("?caller=%2B");
                putAscii(caller(callee).substring(1));
            }
            request.put(template.tail());
            request.flip();
            try {
                while (request.hasRemaining()) {
                    // A few hundred bytes into a loopback socket holding at most one answer's worth: a write that
                    // takes less than the whole request is rare, and the rest goes as soon as the buffer drains.
                    if (channel.write(request) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                // The receiver sees the connection fail and counts what it owed.
                failed = true;
            }
        }

        private void putAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                request.put((byte) text.charAt(i));
            }
        }

        /** A third each: one of the callee's priority callers, a colleague (any bench user), a stranger. */
        private String caller(int callee) {
            return switch (random.nextInt(3)) {
                case 0 -> SeedUsers.priorityCaller(callee, random.nextInt(SeedUsers.PRIORITY_CALLERS));
                case 1 -> SeedUsers.number(random.nextInt(users));
                default -> "+4520" + SeedUsers.padded(random.nextInt(1_000_000), 6);
            };
        }
    }

    /**
     * HTTP/1.1 answers read off one non-blocking connection through a buffer of its own: an answer is taken once its
     * head and its Content-Length of body are in; the status line's code is kept, the body skipped.
     */
    private static final class Answers {

        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private final ByteBuffer buffer = ByteBuffer.allocate(16384);
        private final byte[] bytes = buffer.array();
        private int start;

        /** Reads what the connection has after what is unread (the selector calls again for what does not fit). */
        void read(SocketChannel channel) throws IOException {
            if (start > 0) {
                System.arraycopy(bytes, start, bytes, 0, buffer.position() - start);
                buffer.position(buffer.position() - start);
                start = 0;
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("an answer longer than " + bytes.length + " bytes");
            }
            if (channel.read(buffer) < 0) {
                throw new IOException("connection closed");
            }
        }

        /** The status of the whole answer at {@code start}, moving past it; -1 (nothing moved) when it is not whole. */
        int next() {
            int end = buffer.position();
            int headEnd = -1;
            for (int i = start + 3; i < end; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return -1;
            }
            int contentLength = 0;
            for (int line = start; line < headEnd; ) {
                int lineEnd = line;
                while (bytes[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (lineEnd - line > CONTENT_LENGTH.length && startsWithIgnoringCase(line, CONTENT_LENGTH)) {
                    contentLength = Integer.parseInt(new String(bytes, line + CONTENT_LENGTH.length,
                            lineEnd - line - CONTENT_LENGTH.length, StandardCharsets.US_ASCII).trim());
                }
                line = lineEnd + 1;
            }
            if (end - headEnd < contentLength) {
                return -1;
            }
            int status = (bytes[start + 9] - '0') * 100 + (bytes[start + 10] - '0') * 10 + bytes[start + 11] - '0';
            start = headEnd + contentLength;
            return status;
        }

        private boolean startsWithIgnoringCase(int at, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (Character.toLowerCase(bytes[at + i]) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
