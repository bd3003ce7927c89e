package com.calroute.ewssim.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput benchmark of the simulator (run by bench/ews-simulator-throughput.sh, not a test): generates a
 * scenario of N mailboxes with M items each, then drives an open-loop (fixed-rate) load of FindItem/CalendarView
 * requests with Basic auth, impersonation and X-AnchorMailbox, and reports req/s and latency percentiles measured
 * from each request's scheduled start (so a slow server cannot hide its queueing).
 */
public final class ThroughputBenchmark {
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private static final String T = "http://schemas.microsoft.com/exchange/services/2006/types";
    /** The bar: the initial sync of 10,000 mailboxes must finish within 2 minutes on 2 cores, i.e. ≈ 84 mailboxes/s
     *  with a few requests each; the simulator should sustain several times that so it is never the bottleneck. */
    private static final int BAR_REQUESTS_PER_SECOND = 500;
    private static final long BAR_P99_MILLIS = 250;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: generate --mailboxes N --items M --out file | run --url U --mailboxes N --rates r1,r2 --seconds S");
        }
        String command = args[0];
        String mailboxes = option(args, "--mailboxes", "10000");
        switch (command) {
            case "generate" -> generate(Integer.parseInt(mailboxes), Integer.parseInt(option(args, "--items", "30")),
                    Path.of(option(args, "--out", "scenario.json")));
            case "run" -> run(option(args, "--url", null), Integer.parseInt(mailboxes),
                    Arrays.stream(option(args, "--rates", "250,500,1000").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(option(args, "--seconds", "15")), Integer.parseInt(option(args, "--items", "30")),
                    Integer.parseInt(option(args, "--connections", "64")));
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    static String mailbox(int i) {
        return String.format(Locale.ROOT, "user%05d@bench.example", i);
    }

    /** 30 items per mailbox by default: singles spread over the sync window plus three weekly series. */
    private static void generate(int mailboxes, int items, Path out) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String[] busy = {"Busy", "Busy", "Busy", "Tentative", "OOF", "WorkingElsewhere", "Free"};
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("{\"accounts\":[{\"username\":\"svc-bench\",\"password\":\"bench-password\",\"maxConcurrency\":100000,"
                    + "\"impersonation\":[\"*\"]}],\"mailboxes\":[");
            for (int i = 0; i < mailboxes; i++) {
                w.write(i == 0 ? "" : ",");
                w.write("{\"smtp\":\"" + mailbox(i) + "\",\"timeZone\":\"Europe/Oslo\",\"appointments\":[");
                int series = Math.min(3, items);
                for (int j = 0; j < items; j++) {
                    w.write(j == 0 ? "" : ",");
                    if (j < series) {
                        LocalDate day = today.minusDays(1 + j);
                        w.write("{\"subject\":\"Series " + j + "\",\"start\":\"" + day + "T" + String.format(Locale.ROOT, "%02d", 8 + j) + ":00:00\",\"duration\":\"PT30M\","
                                + "\"recurrence\":{\"pattern\":\"WEEKLY\",\"interval\":1}}");
                    } else {
                        LocalDate day = today.plusDays((j * 7L + i) % 15 - 1);
                        int hour = 8 + (j % 9);
                        w.write("{\"subject\":\"Item " + j + "\",\"start\":\"" + day + "T" + (hour < 10 ? "0" : "") + hour
                                + ":15:00\",\"duration\":\"PT45M\",\"freeBusy\":\"" + busy[(i + j) % busy.length] + "\""
                                + ((i + j) % 11 == 0 ? ",\"sensitivity\":\"Private\"" : "") + "}");
                    }
                }
                w.write("]}");
            }
            w.write("]}");
        }
        System.out.printf("generated %s: %d mailboxes x %d items%n", out, mailboxes, items);
    }

    private static void run(String url, int mailboxes, int[] rates, int seconds, int items, int connections) throws Exception {
        URI target = URI.create(url);
        String authorization = "Basic " + Base64.getEncoder().encodeToString("svc-bench:bench-password".getBytes(StandardCharsets.UTF_8));
        Instant from = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(15));
        System.out.println("EWS simulator throughput: FindItem/CalendarView, open-loop fixed rate");
        System.out.printf("config: url=%s mailboxes=%d items/mailbox=%d window=%s..%s seconds/step=%d keep-alive connections=%d cores=%d%n",
                url, mailboxes, items, from, to, seconds, connections, Runtime.getRuntime().availableProcessors());
        System.out.printf("bar: sustain >= %d req/s with p99 < %d ms (initial sync of 10k mailboxes in 2 min needs ~84 mailboxes/s)%n",
                BAR_REQUESTS_PER_SECOND, BAR_P99_MILLIS);
        Load load = new Load(target, authorization, mailboxes, from, to, connections);
        load.warmUp(2000);
        System.out.printf("%10s %10s %10s %8s %8s %8s %8s %8s%n", "target/s", "done/s", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "items");
        boolean barMet = false;
        for (int rate : rates) {
            Step step = load.step(rate, seconds);
            System.out.printf("%10d %10.0f %10d %8.1f %8.1f %8.1f %8.1f %8.1f%n", rate, step.throughput, step.errors,
                    step.percentile(0.50), step.percentile(0.90), step.percentile(0.99), step.percentile(1.0), step.itemsPerResponse);
            if (rate >= BAR_REQUESTS_PER_SECOND && step.errors == 0 && step.throughput >= rate * 0.95
                    && step.percentile(0.99) < BAR_P99_MILLIS) {
                barMet = true;
            }
            if (step.throughput < rate * 0.5) {
                break;
            }
        }
        System.out.println(barMet ? "RESULT: bar met" : "RESULT: bar NOT met");
        System.exit(0);
    }

    private record Step(double throughput, long errors, long[] latenciesMicros, double itemsPerResponse) {
        double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p * latenciesMicros.length) - 1);
            return latenciesMicros[Math.max(0, index)] / 1000.0;
        }
    }

    /**
     * Open-loop load over a fixed set of keep-alive connections: a pacer issues tickets at the target rate, workers
     * send one request per ticket on their own socket (raw HTTP/1.1, so the driver stays cheap next to the server),
     * and latency counts from the ticket's scheduled time.
     */
    private static final class Load {
        private final URI target;
        private final String authorization;
        private final int mailboxes;
        private final Instant from;
        private final Instant to;
        private final int connections;

        Load(URI target, String authorization, int mailboxes, Instant from, Instant to, int connections) {
            this.target = target;
            this.authorization = authorization;
            this.mailboxes = mailboxes;
            this.from = from;
            this.to = to;
            this.connections = connections;
        }

        void warmUp(int requests) throws Exception {
            try (Connection connection = new Connection(target)) {
                for (int i = 0; i < requests; i++) {
                    Connection.Answer answer = connection.exchange(request(mailbox(i % mailboxes)));
                    if (answer.status() != 200 || !answer.ok()) {
                        throw new IllegalStateException("warm-up request failed with HTTP " + answer.status());
                    }
                }
            }
        }

        Step step(int rate, int seconds) throws Exception {
            int total = rate * seconds;
            java.util.concurrent.BlockingQueue<Long> tickets = new java.util.concurrent.LinkedBlockingQueue<>();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            AtomicLong items = new AtomicLong();
            AtomicLong counted = new AtomicLong();
            CountDownLatch done = new CountDownLatch(total);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                Thread worker = new Thread(() -> {
                    Connection connection = null;
                    try {
                        while (true) {
                            long scheduled = tickets.take();
                            if (scheduled < 0) {
                                return;
                            }
                            try {
                                if (connection == null) {
                                    connection = new Connection(target);
                                }
                                Connection.Answer answer = connection.exchange(request(mailbox(ThreadLocalRandom.current().nextInt(mailboxes))));
                                if (answer.status() != 200 || !answer.ok()) {
                                    errors.incrementAndGet();
                                } else if (answer.items() >= 0) {
                                    items.addAndGet(answer.items());
                                    counted.incrementAndGet();
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                if (connection != null) {
                                    connection.close();
                                }
                                connection = null;
                            }
                            latencies.add((System.nanoTime() - scheduled) / 1000);
                            done.countDown();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (connection != null) {
                            connection.close();
                        }
                    }
                }, "load-" + w);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            long start = System.nanoTime();
            long intervalNanos = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                tickets.add(scheduled);
            }
            boolean finished = done.await(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (int w = 0; w < connections; w++) {
                tickets.add(-1L);
            }
            for (Thread worker : workers) {
                worker.join(1000);
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long unfinished = finished ? 0 : total - sorted.length;
            return new Step(sorted.length / elapsed, errors.get() + unfinished, sorted, (double) items.get() / Math.max(1, counted.get()));
        }

        private byte[] request(String mailbox) {
            byte[] body = envelope(mailbox, from, to).getBytes(StandardCharsets.UTF_8);
            String head = "POST " + target.getPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                    + "\r\nAuthorization: " + authorization + "\r\nContent-Type: text/xml; charset=utf-8\r\nX-AnchorMailbox: "
                    + mailbox + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    /** One keep-alive HTTP/1.1 connection that reads Content-Length framed answers. */
    private static final class Connection implements AutoCloseable {
        private static final byte[] NO_ERROR = "NoError".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CALENDAR_ITEM = "<t:CalendarItem>".getBytes(StandardCharsets.US_ASCII);
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        private int answered;

        record Answer(int status, boolean ok, int items) {
        }

        Connection(URI target) throws IOException {
            socket = new java.net.Socket(target.getHost(), target.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
            out = socket.getOutputStream();
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("answer without Content-Length");
            }
            byte[] body = in.readNBytes(length);
            boolean ok = indexOf(body, NO_ERROR, 0) >= 0;
            int items = -1;
            if (++answered % 10 == 0) {
                items = 0;
                for (int at = indexOf(body, CALENDAR_ITEM, 0); at >= 0; at = indexOf(body, CALENDAR_ITEM, at + 1)) {
                    items++;
                }
            }
            return new Answer(status, ok, items);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (c < 0) {
                throw new IOException("connection closed");
            }
            return line.toString();
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection is already broken; nothing to release
            }
        }
    }

    private static String envelope(String mailbox, Instant from, Instant to) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SOAP + "\" xmlns:t=\"" + T
                + "\" xmlns:m=\"" + M + "\"><soap:Header><t:RequestServerVersion Version=\"Exchange2010_SP2\"/>"
                + "<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>" + mailbox + "</t:SmtpAddress></t:ConnectingSID>"
                + "</t:ExchangeImpersonation></soap:Header><soap:Body><m:FindItem Traversal=\"Shallow\"><m:ItemShape>"
                + "<t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:CalendarView StartDate=\"" + from + "\" EndDate=\""
                + to + "\"/><m:ParentFolderIds><t:DistinguishedFolderId Id=\"calendar\"/></m:ParentFolderIds></m:FindItem>"
                + "</soap:Body></soap:Envelope>";
    }

    private static String option(String[] args, String name, String fallback) {
        List<String> list = new ArrayList<>(List.of(args));
        int at = list.indexOf(name);
        if (at >= 0 && at + 1 < list.size()) {
            return list.get(at + 1);
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }
}
