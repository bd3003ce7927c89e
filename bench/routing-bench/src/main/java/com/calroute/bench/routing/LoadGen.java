package com.calroute.bench.routing;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
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

    /** One open-loop run; answers how many requests it sent. */
    private static long run(String label, int port, String token, String pathTemplate, int users, int rate,
                            int seconds, int connections, boolean callers, boolean print) throws Exception {
        long periodNanos = 1_000_000_000L * connections / rate;
        long total = (long) rate * seconds;
        long perConnection = total / connections;
        long start = System.nanoTime() + 50_000_000L;
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker worker = new Worker(port, token, pathTemplate, users, start + c * periodNanos / connections,
                    periodNanos, perConnection, c, callers);
            workers.add(worker);
            worker.start();
        }
        Histogram all = new Histogram(60_000_000_000L, 3);
        long errors = 0;
        for (Worker worker : workers) {
            worker.join();
            all.add(worker.histogram);
            errors += worker.errors.get();
        }
        double elapsed = (workers.stream().mapToLong(w -> w.finishedAt).max().orElse(start) - start) / 1e9;
        if (print) {
            System.out.printf("%-22s target %5d req/s over %2d conns: %7.0f req/s achieved, %d requests, %d errors | "
                            + "p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n",
                    label, rate, connections, all.getTotalCount() / elapsed, all.getTotalCount(), errors,
                    all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                    all.getValueAtPercentile(99.9) / 1e6, all.getMaxValue() / 1e6);
        }
        return all.getTotalCount();
    }

    /** One keep-alive connection sending on its own fixed schedule. */
    private static final class Worker extends Thread {

        private final int port;
        private final String token;
        private final String pathTemplate;
        private final int users;
        private final long firstDue;
        private final long period;
        private final long count;
        private final Random random;
        private final boolean callers;
        private final Histogram histogram = new Histogram(60_000_000_000L, 3);
        private final AtomicLong errors = new AtomicLong();
        private volatile long finishedAt;

        Worker(int port, String token, String pathTemplate, int users, long firstDue, long period, long count, int id,
               boolean callers) {
            super("load-" + id);
            this.port = port;
            this.token = token;
            this.pathTemplate = pathTemplate;
            this.users = users;
            this.firstDue = firstDue;
            this.period = period;
            this.count = count;
            this.random = new Random(id);
            this.callers = callers;
            setDaemon(true);
        }

        @Override
        public void run() {
            // The request's fixed parts as bytes, made once: on a 2-core machine the generator's CPU is the service's loss.
            int placeholder = pathTemplate.indexOf('%');
            String pathPrefix = placeholder < 0 ? pathTemplate : pathTemplate.substring(0, placeholder);
            int width = placeholder < 0 ? 0 : Integer.parseInt(pathTemplate.substring(placeholder + 2,
                    pathTemplate.indexOf('d', placeholder)));
            byte[] head = ("GET " + pathPrefix).getBytes(StandardCharsets.US_ASCII);
            byte[] tail = (" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + tail.length + 256];
            System.arraycopy(head, 0, request, 0, head.length);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                Responses responses = new Responses(socket.getInputStream());
                for (long k = 0; k < count; k++) {
                    long due = firstDue + k * period;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int callee = random.nextInt(users);
                    String variable = placeholder < 0 ? "" : SeedUsers.padded(callee, width);
                    if (callers) {
                        variable += "?caller=%2B" + caller(callee).substring(1);
                    }
                    int length = head.length;
                    for (int i = 0; i < variable.length(); i++) {
                        request[length++] = (byte) variable.charAt(i);
                    }
                    System.arraycopy(tail, 0, request, length, tail.length);
                    out.write(request, 0, length + tail.length);
                    int status = responses.next();
                    histogram.recordValue(Math.max(0, System.nanoTime() - due));
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                System.err.println(getName() + ": " + e);
            } finally {
                finishedAt = System.nanoTime();
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
     * HTTP/1.1 responses read off one connection through a buffer of its own: the status line's code, the headers
     * scanned for Content-Length, the body skipped (not a byte at a time through a synchronized stream).
     */
    private static final class Responses {

        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private final InputStream in;
        private final byte[] buffer = new byte[16384];
        private int start;
        private int end;

        Responses(InputStream in) {
            this.in = in;
        }

        /** Reads the next whole response; answers its status code. */
        int next() throws IOException {
            int status = -1;
            int contentLength = 0;
            while (true) {
                int lineEnd = lineEnd();
                int length = lineEnd - start;
                if (length > 0 && buffer[lineEnd - 1] == '\r') {
                    length--;
                }
                if (length == 0) {
                    start = lineEnd + 1;
                    break;
                }
                if (status < 0) {
                    status = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + buffer[start + 11] - '0';
                } else if (length > CONTENT_LENGTH.length && startsWithIgnoringCase(start, CONTENT_LENGTH)) {
                    contentLength = Integer.parseInt(new String(buffer, start + CONTENT_LENGTH.length,
                            length - CONTENT_LENGTH.length, StandardCharsets.US_ASCII).trim());
                }
                start = lineEnd + 1;
            }
            while (contentLength > 0) {
                if (start == end && fill() < 0) {
                    throw new IOException("connection closed in body");
                }
                int skipped = Math.min(contentLength, end - start);
                start += skipped;
                contentLength -= skipped;
            }
            return status;
        }

        /** The index of the next '\n' from {@code start}, reading more as needed. */
        private int lineEnd() throws IOException {
            int from = start;
            while (true) {
                for (int i = from; i < end; i++) {
                    if (buffer[i] == '\n') {
                        return i;
                    }
                }
                from = end - start;
                if (fill() < 0) {
                    throw new IOException("connection closed");
                }
                from += start;
            }
        }

        /** Moves what is unread to the front and reads more; -1 at the end of the stream. */
        private int fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                throw new IOException("a response line longer than " + buffer.length + " bytes");
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read > 0) {
                end += read;
            }
            return read;
        }

        private boolean startsWithIgnoringCase(int at, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (Character.toLowerCase(buffer[at + i]) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
