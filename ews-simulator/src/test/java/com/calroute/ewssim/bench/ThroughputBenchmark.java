package com.calroute.ewssim.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.Executors;
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
                    Integer.parseInt(option(args, "--seconds", "15")), Integer.parseInt(option(args, "--items", "30")));
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

    private static void run(String url, int mailboxes, int[] rates, int seconds, int items) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString("svc-bench:bench-password".getBytes(StandardCharsets.UTF_8));
        Instant from = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(15));
        System.out.println("EWS simulator throughput: FindItem/CalendarView, open-loop fixed rate");
        System.out.printf("config: url=%s mailboxes=%d items/mailbox=%d window=%s..%s seconds/step=%d cores=%d%n", url, mailboxes, items,
                from, to, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("bar: sustain >= %d req/s with p99 < %d ms (initial sync of 10k mailboxes in 2 min needs ~84 mailboxes/s)%n",
                BAR_REQUESTS_PER_SECOND, BAR_P99_MILLIS);
        warmUp(client, url, authorization, mailboxes, from, to);
        System.out.printf("%10s %10s %10s %8s %8s %8s %8s %8s%n", "target/s", "done/s", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "items");
        boolean barMet = false;
        for (int rate : rates) {
            Step step = step(client, url, authorization, mailboxes, from, to, rate, seconds);
            System.out.printf("%10d %10.0f %10d %8.1f %8.1f %8.1f %8.1f %8.1f%n", rate, step.throughput, step.errors,
                    step.percentile(0.50), step.percentile(0.90), step.percentile(0.99), step.percentile(1.0), step.itemsPerResponse);
            if (rate >= BAR_REQUESTS_PER_SECOND && step.errors == 0 && step.throughput >= rate * 0.95
                    && step.percentile(0.99) < BAR_P99_MILLIS) {
                barMet = true;
            }
        }
        System.out.println(barMet ? "RESULT: bar met" : "RESULT: bar NOT met");
        System.exit(0);
    }

    private static void warmUp(HttpClient client, String url, String authorization, int mailboxes, Instant from, Instant to) throws Exception {
        for (int i = 0; i < 2000; i++) {
            String mailbox = mailbox(i % mailboxes);
            HttpResponse<String> response = client.send(request(url, authorization, mailbox, from, to), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("NoError")) {
                throw new IllegalStateException("warm-up request failed: " + response.statusCode() + " " + response.body());
            }
        }
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

    private static Step step(HttpClient client, String url, String authorization, int mailboxes, Instant from, Instant to,
            int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong items = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String mailbox = mailbox(ThreadLocalRandom.current().nextInt(mailboxes));
            client.sendAsync(request(url, authorization, mailbox, from, to), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        latencies.add((System.nanoTime() - scheduled) / 1000);
                        if (failure != null || response.statusCode() != 200 || !response.body().contains("NoError")) {
                            errors.incrementAndGet();
                        } else {
                            items.addAndGet(count(response.body(), "<t:CalendarItem>"));
                        }
                        done.countDown();
                    });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Step(total / elapsed, errors.get(), sorted, (double) items.get() / Math.max(1, total - errors.get()));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static HttpRequest request(String url, String authorization, String mailbox, Instant from, Instant to) {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SOAP + "\" xmlns:t=\"" + T
                + "\" xmlns:m=\"" + M + "\"><soap:Header><t:RequestServerVersion Version=\"Exchange2010_SP2\"/>"
                + "<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>" + mailbox + "</t:SmtpAddress></t:ConnectingSID>"
                + "</t:ExchangeImpersonation></soap:Header><soap:Body><m:FindItem Traversal=\"Shallow\"><m:ItemShape>"
                + "<t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:CalendarView StartDate=\"" + from + "\" EndDate=\""
                + to + "\"/><m:ParentFolderIds><t:DistinguishedFolderId Id=\"calendar\"/></m:ParentFolderIds></m:FindItem>"
                + "</soap:Body></soap:Envelope>";
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("X-AnchorMailbox", mailbox)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
