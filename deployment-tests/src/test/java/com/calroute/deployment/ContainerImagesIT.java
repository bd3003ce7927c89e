package com.calroute.deployment;

import com.calroute.testing.net.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Dockerfiles built and run: the five images on a stand-in base (no registry is reachable here), started
 * as the manifests start them (read-only root, non-root, memory limit, configuration from the Compose file's
 * environment only) against a real Kafka, PostgreSQL and Keycloak on free ports, then the customer's guide walked
 * through the containers, then each stopped with SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImagesIT {

    static final String BASE = "localhost/calroute-base:jre17";
    private static final String TAG = "it";
    /** Free ports, chosen together as the class loads, so this suite never meets a developer's or e2e's. */
    private static final int[] FREE = FreePorts.distinct(10);
    private static final int KAFKA_PORT = FREE[0];
    private static final int KAFKA_CONTROLLER_PORT = FREE[1];
    private static final int KEYCLOAK_PORT = FREE[2];
    /** Keycloak's management interface, moved off its default 9000 where a developer's Keycloak may listen. */
    private static final int KEYCLOAK_MANAGEMENT_PORT = FREE[3];
    private static final int SIM_HTTP_PORT = FREE[4];
    private static final int SIM_HTTPS_PORT = FREE[5];
    private static final String DB_SUFFIX = "_containers";
    private static final String ISSUER = "http://localhost:" + KEYCLOAK_PORT + "/realms/calroute";
    private static final String KARI = "kari.nordmann@acme.example";
    private static final String KARI_MOBILE = "+4799000001";

    /** The images in start order, with the port each listens on in this test (the simulator first: sync needs it). */
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("ews-simulator", SIM_HTTP_PORT);
        PORTS.put("config-service", FREE[6]);
        PORTS.put("calendar-sync-service", FREE[7]);
        PORTS.put("routing-service", FREE[8]);
        PORTS.put("web-console", FREE[9]);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Duration> TIME_TO_READY = new LinkedHashMap<>();
    private static final List<String> STARTED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static Path root;
    private static Path runDir;
    private static Map<String, String> infrastructureEnvironment;

    @BeforeAll
    static void startInfrastructure() {
        root = repoRoot();
        runDir = root.resolve("deployment-tests/target/container-suite");
        infrastructureEnvironment = Map.of(
                "CALROUTE_RUN_DIR", runDir.toString(),
                "CALROUTE_KAFKA_DIR", runDir.resolve("kafka").toString(),
                "CALROUTE_KAFKA_PORT", Integer.toString(KAFKA_PORT),
                "CALROUTE_KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_CONTROLLER_PORT),
                "CALROUTE_KEYCLOAK_PORT", Integer.toString(KEYCLOAK_PORT),
                "CALROUTE_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(KEYCLOAK_MANAGEMENT_PORT),
                "CALROUTE_DB_SUFFIX", DB_SUFFIX);
        Runtime.getRuntime().addShutdownHook(new Thread(ContainerImagesIT::cleanUp, "container-images-it-cleanup"));
        removeContainers();
        stopInfrastructure();
        deleteRecursively(runDir.resolve("kafka"));
        for (String db : List.of("calroute_config", "calroute_sync", "calroute_routing")) {
            Podman.run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc",
                    "DROP DATABASE IF EXISTS " + db + DB_SUFFIX + " WITH (FORCE)"), Map.of(), root, 60).orFail("dropping " + db);
        }
        infrastructure("postgres", "setup");
        infrastructure("kafka", "start");
        infrastructure("keycloak", "start");
    }

    @AfterAll
    static void cleanUp() {
        if (CLEANED.compareAndSet(false, true)) {
            removeContainers();
            stopInfrastructure();
        }
    }

    @Test
    @Order(1)
    void theStandInBaseAndAllFiveImagesBuildWithoutARegistry() {
        Instant started = Instant.now();
        if (Podman.podman(60, "image", "exists", BASE).exitCode() != 0) {
            buildStandInBase();
        }
        System.out.printf("[images] stand-in base %s ready after %d s%n", BASE, Duration.between(started, Instant.now()).toSeconds());
        for (String image : PORTS.keySet()) {
            Instant building = Instant.now();
            List<String> build = new ArrayList<>(List.of("build", "--pull=never", "--format", "docker"));
            build.addAll(Podman.ULIMITS);
            build.addAll(List.of("--build-arg", "BASE_IMAGE=" + BASE, "-f", "docker/" + image + "/Dockerfile",
                    "-t", "calroute/" + image + ":" + TAG, root.toString()));
            Podman.podman(600, build).orFail("podman build " + image);
            long bytes = Long.parseLong(Podman.podman(60, "image", "inspect", "--format", "{{.Size}}", imageName(image))
                    .orFail("inspect " + image).output());
            String user = Podman.podman(60, "image", "inspect", "--format", "{{.Config.User}}", imageName(image)).output();
            System.out.printf("[images] %-22s %4d MB (built in %d s)%n", image, bytes / 1_000_000,
                    Duration.between(building, Instant.now()).toSeconds());
            assertThat(user).as("%s runs as", image).isEqualTo("185");
        }
    }

    @Test
    @Order(2)
    void eachImageStartsReadOnlyAsNonRootWithItsMemoryLimitAndConfigurationFromTheComposeFile() {
        ComposeEnvironment compose = new ComposeEnvironment(loopbackAddresses(), DB_SUFFIX);
        for (var image : PORTS.entrySet()) {
            String name = image.getKey();
            List<String> run = new ArrayList<>(List.of("run", "-d", "--name", containerName(name)));
            run.addAll(Podman.ULIMITS);
            run.addAll(List.of("--network", "host", "--read-only", "--memory", compose.memoryLimit(name, "512m")));
            Map<String, String> environment = new LinkedHashMap<>(compose.of(name));
            // The one addition: on the host's network the ports must be the test's, not the images' defaults.
            if (name.equals("ews-simulator")) {
                environment.putAll(Map.of("SIM_BIND", "127.0.0.1", "SIM_HTTP_PORT", Integer.toString(SIM_HTTP_PORT),
                        "SIM_HTTPS_PORT", Integer.toString(SIM_HTTPS_PORT)));
            } else {
                environment.put("QUARKUS_HTTP_PORT", Integer.toString(image.getValue()));
            }
            environment.forEach((key, value) -> run.addAll(List.of("-e", key + "=" + value)));
            run.add(imageName(name));
            Instant started = Instant.now();
            STARTED.add(containerName(name));
            Podman.podman(120, run).orFail("podman run " + name);
            awaitReady(name, image.getValue(), Duration.ofSeconds(180));
            TIME_TO_READY.put(name, Duration.between(started, Instant.now()));
            System.out.printf("[containers] %-22s ready after %5.1f s%n", name, TIME_TO_READY.get(name).toMillis() / 1000.0);

            assertThat(exec(name, "id", "-u")).as("%s's uid", name).isEqualTo("185");
            // The limit is the kernel's (cgroup v2 or v1), not only a flag podman was given.
            String memoryLimit = compose.memoryLimit(name, "512m");
            assertThat(exec(name, "sh", "-c", "cat /sys/fs/cgroup/memory.max 2>/dev/null"
                    + " || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"))
                    .as("%s's memory limit", name).isEqualTo(Long.toString(bytes(memoryLimit)));
            assertThat(Podman.podman(60, "exec", containerName(name), "touch", "/deployments/written").exitCode())
                    .as("%s may not write its root filesystem", name).isNotZero();
        }
    }

    @Test
    @Order(3)
    void theCustomersGuideThroughTheContainersEndsInVoicemailAtTheMeetingsStart() {
        String config = "http://127.0.0.1:" + PORTS.get("config-service");
        String routing = "http://127.0.0.1:" + PORTS.get("routing-service");
        String simulator = "http://127.0.0.1:" + SIM_HTTP_PORT + "/sim/v1";
        String operator = token("operator", "operator-password");
        String admin = token("admin@acme.example", "admin-password");

        Response tenant = send("POST", config + "/api/v1/tenants", operator, Map.of("id", "acme", "name", "Acme AS",
                "switchboardNumber", "+4722000000", "timeZone", "Europe/Oslo", "subjectSharing", false,
                "numbers", Map.of("ranges", List.of(Map.of("from", "+4722000000", "to", "+4722000000"),
                        Map.of("from", KARI_MOBILE, "to", KARI_MOBILE)))));
        assertThat(tenant.status()).as("create tenant: %s", tenant.body()).isEqualTo(201);

        for (String own : List.of(KARI, "svc-acme")) {
            send("DELETE", simulator + "/mailboxes/" + encode(own), null, null);
            send("DELETE", simulator + "/accounts/" + encode(own), null, null);
        }
        ok(send("PUT", simulator + "/mailboxes/" + encode(KARI), null, Map.of("displayName", "Kari Nordmann", "timeZone", "Europe/Oslo")));
        ok(send("PUT", simulator + "/accounts/svc-acme", null, Map.of("password", "acme-service-password")));
        ok(send("PUT", simulator + "/accounts/svc-acme/impersonation/" + encode(KARI), null, "{}"));

        // The simulator container's plain-http endpoint, which the Compose file allows by exact host:port.
        Response exchange = send("PUT", config + "/api/v1/tenants/acme/exchange", admin, Map.of("kind", "EWS",
                "username", "svc-acme", "password", "acme-service-password",
                "ewsUrl", "http://localhost:" + SIM_HTTP_PORT + "/EWS/Exchange.asmx", "domain", "acme.example",
                "exchangeVersion", "Exchange2013_SP1"));
        assertThat(exchange.status()).as("save exchange: %s", exchange.body()).isEqualTo(200);
        Response test = send("POST", config + "/api/v1/tenants/acme/exchange/test", admin, Map.of("mailbox", KARI));
        assertThat(test.status()).as("%s", test.body()).isEqualTo(200);
        assertThat(test.body().path("ok").asBoolean()).as("connection test: %s", test.body()).isTrue();

        Response enrolled = send("POST", config + "/api/v1/tenants/acme/users", admin,
                Map.of("email", KARI, "mobileNumber", KARI_MOBILE, "displayName", "Kari Nordmann"));
        assertThat(enrolled.status()).as("enrol: %s", enrolled.body()).isEqualTo(201);
        String kariId = enrolled.body().path("id").asText();

        String kari = token(KARI, "employee-password");
        Response optIn = send("PUT", config + "/api/v1/me/calendar-sync", kari, Map.of("enabled", true));
        assertThat(optIn.status()).as("opt in: %s", optIn.body()).isEqualTo(200);
        Response settings = send("PUT", config + "/api/v1/me/status-settings", kari, Map.of(
                "BUSY", Map.of("action", "VOICEMAIL"), "OOF", Map.of("action", "FORWARD", "target", "+4790000000"),
                "TENTATIVE", Map.of("action", "RING"), "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD")));
        assertThat(settings.status()).as("status settings: %s", settings.body()).isEqualTo(200);

        String callControl = clientToken("calroute-call-control", "call-control-dev-secret");
        Supplier<JsonNode> route = () -> send("GET", routing + "/api/v1/routes/" + encode(KARI_MOBILE), callControl, null).body();
        awaitTrue("Kari's number routes to her and rings", Duration.ofSeconds(90), () -> {
            JsonNode now = route.get();
            return now.path("action").asText().equals("RING") && now.path("userId").asText().equals(kariId);
        });

        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(20);
        Response meeting = send("POST", simulator + "/mailboxes/" + encode(KARI) + "/appointments", null, Map.of(
                "subject", "container test meeting", "start", start.toString(), "end", end.toString(), "freeBusy", "Busy"));
        assertThat(meeting.status()).as("create appointment: %s", meeting.body()).isEqualTo(201);
        List<Instant> askedAt = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        while (Instant.now().isBefore(start.plusSeconds(3))) {
            askedAt.add(Instant.now());
            answers.add(route.get());
            sleep(100);
        }
        int firstVoicemail = -1;
        for (int i = 0; i < answers.size() && firstVoicemail < 0; i++) {
            if (answers.get(i).path("action").asText().equals("VOICEMAIL")) {
                firstVoicemail = i;
            }
        }
        assertThat(firstVoicemail).as("the route lookup never said VOICEMAIL; last answer %s", answers.get(answers.size() - 1))
                .isNotNegative();
        Duration afterStart = Duration.between(start, askedAt.get(firstVoicemail));
        System.out.printf("[guide] meeting at %s: the route lookup said VOICEMAIL %d ms after its start%n", start, afterStart.toMillis());
        for (int i = 0; i < answers.size(); i++) {
            if (askedAt.get(i).isBefore(start.minusMillis(200))) {
                assertThat(answers.get(i).path("action").asText()).as("before the meeting, at %s", askedAt.get(i)).isEqualTo("RING");
            }
        }
        assertThat(afterStart).isBetween(Duration.ofMillis(-200), Duration.ofSeconds(2));
        assertThat(answers.get(firstVoicemail).path("state").asText()).isEqualTo("BUSY");
        assertThat(answers.get(firstVoicemail).path("until").asText()).isEqualTo(end.toString());
    }

    @Test
    @Order(4)
    void sigtermStopsEachContainerGracefullyWithinItsTerminationGracePeriod() {
        List<String> reversed = new ArrayList<>(PORTS.keySet());
        java.util.Collections.reverse(reversed);
        for (String name : reversed) {
            int grace = terminationGracePeriodSeconds(name);
            boolean quarkus = !name.equals("ews-simulator");
            List<Integer> readiness = new CopyOnWriteArrayList<>();
            AtomicBoolean stopping = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (stopping.get()) {
                    readiness.add(status("http://127.0.0.1:" + PORTS.get(name) + (quarkus ? "/q/health/ready" : "/q/health")));
                    sleep(100);
                }
            }, "readiness-" + name);
            watcher.start();
            Instant sent = Instant.now();
            Podman.podman(grace + 30, "stop", "-t", Integer.toString(grace), containerName(name)).orFail("podman stop " + name);
            Duration took = Duration.between(sent, Instant.now());
            stopping.set(false);
            join(watcher);
            // The container has stopped: one last look, so the sequence ends with the closed port (-1).
            readiness.add(status("http://127.0.0.1:" + PORTS.get(name) + (quarkus ? "/q/health/ready" : "/q/health")));
            int exitCode = Integer.parseInt(Podman.podman(60, "inspect", "--format", "{{.State.ExitCode}}", containerName(name))
                    .orFail("inspect " + name).output());
            System.out.printf("[stop] %-22s exit code %d after %.1f s (grace %d s); readiness while stopping: %s%n",
                    name, exitCode, took.toMillis() / 1000.0, grace, collapse(readiness));
            assertThat(exitCode).as("%s's exit code after SIGTERM (137 would mean SIGKILL)", name).isIn(0, 143);
            assertThat(took).as("%s's stop", name).isLessThan(Duration.ofSeconds(grace));
            if (quarkus) {
                // Readiness reports DOWN (503) during the shutdown delay, before the port closes (-1).
                assertThat(collapse(readiness)).as("%s's readiness while stopping", name).containsSubsequence(503, -1);
            }
        }
    }

    private static void buildStandInBase() {
        String mirror = debianMirror();
        Path rootfs = root.resolve("deployment-tests/target/stand-in-rootfs");
        Podman.run(List.of("rm", "-rf", rootfs.toString()), Map.of(), root, 120).orFail("removing " + rootfs);
        Instant started = Instant.now();
        Podman.run(List.of("debootstrap", "--variant=minbase", "--include=openjdk-17-jre-headless,ca-certificates", "bookworm",
                rootfs.toString(), mirror), Map.of(), root, 900).orFail("debootstrap from " + mirror);
        Podman.run(List.of("sh", "-c", "tar -C '" + rootfs + "' -c . | podman --runtime runc --cgroup-manager cgroupfs import - " + BASE),
                Map.of(), root, 600).orFail("podman import of the stand-in base");
        Podman.run(List.of("rm", "-rf", rootfs.toString()), Map.of(), root, 120).orFail("removing " + rootfs);
        System.out.printf("[images] stand-in base built from %s in %d s%n", mirror, Duration.between(started, Instant.now()).toSeconds());
    }

    /** The Debian mirror apt uses for bookworm (one-line or deb822 sources), so debootstrap needs no other network. */
    static String debianMirror() {
        List<Path> sources = new ArrayList<>();
        Path list = Path.of("/etc/apt/sources.list");
        if (Files.isRegularFile(list)) {
            sources.add(list);
        }
        try (var files = Files.list(Path.of("/etc/apt/sources.list.d"))) {
            files.filter(f -> f.toString().endsWith(".list") || f.toString().endsWith(".sources")).sorted().forEach(sources::add);
        } catch (IOException e) {
            // No sources.list.d: sources.list alone decides.
        }
        Pattern oneLine = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+bookworm\\s");
        Pattern deb822 = Pattern.compile("(?ms)^URIs:\\s*(\\S+)\\s*$.*?^Suites:[^\\n]*\\bbookworm(?:\\s|$)");
        for (Path file : sources) {
            String text = Repo.read(file);
            for (Pattern pattern : List.of(oneLine, deb822)) {
                for (String stanza : text.split("\\n\\s*\\n")) {
                    Matcher m = pattern.matcher(stanza + "\n");
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
        }
        throw new AssertionError("no Debian bookworm mirror in /etc/apt/sources.list(.d): debootstrap needs one");
    }

    private static void awaitReady(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String state = Podman.podman(60, "inspect", "--format", "{{.State.Status}}", containerName(name)).output();
            if (!state.equals("running")) {
                throw new AssertionError(name + " is " + state + " instead of running; its log:\n" + logs(name));
            }
            // Each image's own HEALTHCHECK (it reads QUARKUS_HTTP_PORT, or SIM_HTTP_PORT for the simulator).
            boolean ready = Podman.podman(60, "healthcheck", "run", containerName(name)).exitCode() == 0;
            if (ready) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(name + " was not ready after " + timeout.toSeconds() + " s; its log:\n" + logs(name));
    }

    private static String logs(String name) {
        String all = Podman.podman(60, "logs", containerName(name)).output();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    /** A Compose memory size ({@code 384m}, {@code 1g}) in bytes. */
    private static long bytes(String size) {
        long number = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> number << 10;
            case 'm' -> number << 20;
            case 'g' -> number << 30;
            default -> throw new IllegalArgumentException("memory size " + size);
        };
    }

    private static String exec(String name, String... command) {
        List<String> arguments = new ArrayList<>(List.of("exec", containerName(name)));
        arguments.addAll(List.of(command));
        return Podman.podman(60, arguments).orFail("podman exec " + String.join(" ", command)).output();
    }

    /** The Compose network's addresses, and the browser's localhost ones, moved to this test's loopback ports. */
    private static Map<String, String> loopbackAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("kafka:9092", "127.0.0.1:" + KAFKA_PORT);
        addresses.put("postgres:5432", "127.0.0.1:5432");
        addresses.put("keycloak:8180", "localhost:" + KEYCLOAK_PORT);
        addresses.put("localhost:8180", "localhost:" + KEYCLOAK_PORT);
        addresses.put("ews-simulator:8085", "localhost:" + SIM_HTTP_PORT);
        addresses.put("config-service:8081", "127.0.0.1:" + PORTS.get("config-service"));
        addresses.put("calendar-sync-service:8082", "127.0.0.1:" + PORTS.get("calendar-sync-service"));
        addresses.put("localhost:8081", "localhost:" + PORTS.get("config-service"));
        addresses.put("localhost:8082", "localhost:" + PORTS.get("calendar-sync-service"));
        addresses.put("localhost:8083", "localhost:" + PORTS.get("routing-service"));
        addresses.put("localhost:8090", "localhost:" + PORTS.get("web-console"));
        return addresses;
    }

    /** k8s/<service>.yaml's terminationGracePeriodSeconds; the simulator, never deployed there, gets 30 s. */
    private static int terminationGracePeriodSeconds(String name) {
        Path manifest = root.resolve("k8s/" + name + ".yaml");
        if (!Files.exists(manifest)) {
            return 30;
        }
        Matcher m = Pattern.compile("terminationGracePeriodSeconds:\\s*(\\d+)").matcher(Repo.read(manifest));
        assertThat(m.find()).as("%s sets terminationGracePeriodSeconds", manifest).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void infrastructure(String script, String command) {
        Podman.run(List.of(root.resolve("bin/" + script).toString(), command), infrastructureEnvironment, root, 600)
                .orFail("bin/" + script + " " + command);
    }

    private static void stopInfrastructure() {
        if (root == null) {
            return;
        }
        Podman.run(List.of(root.resolve("bin/kafka").toString(), "stop"), infrastructureEnvironment, root, 60);
        Podman.run(List.of(root.resolve("bin/keycloak").toString(), "stop"), infrastructureEnvironment, root, 60);
    }

    private static void removeContainers() {
        for (String name : PORTS.keySet()) {
            Podman.podman(120, "rm", "-f", "-t", "5", containerName(name));
        }
    }

    private static String containerName(String image) {
        return "calroute-it-" + image;
    }

    private static String imageName(String image) {
        return "calroute/" + image + ":" + TAG;
    }

    private record Response(int status, JsonNode body) {
    }

    private static Response send(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = MissingNode.getInstance();
            try {
                parsed = response.body().isBlank() ? parsed : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // Left missing: the assertions print the status.
            }
            return new Response(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The HTTP status of a GET, or -1 when nothing listens. */
    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -3;
        }
    }

    private static void ok(Response response) {
        assertThat(response.status()).as("simulator control: %s", response.body()).isBetween(200, 204);
    }

    private static String token(String username, String password) {
        return tokenFor("grant_type=password&client_id=calroute-cli&scope=openid&username=" + encode(username)
                + "&password=" + encode(password));
    }

    private static String clientToken(String clientId, String secret) {
        return tokenFor("grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret));
    }

    private static String tokenFor(String form) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("Keycloak token: %s", response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError("cannot reach Keycloak at " + ISSUER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
    }

    /** Consecutive equal statuses as one: [200, 503, -1]. */
    private static List<Integer> collapse(List<Integer> statuses) {
        List<Integer> collapsed = new ArrayList<>();
        for (int s : statuses) {
            if (collapsed.isEmpty() || collapsed.get(collapsed.size() - 1) != s) {
                collapsed.add(s);
            }
        }
        return collapsed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new AssertionError("cannot delete " + path, e);
        }
    }

    private static Path repoRoot() {
        String configured = System.getProperty("repo.root");
        if (configured != null && Files.exists(Path.of(configured, "bin/calroute"))) {
            return Path.of(configured).toAbsolutePath();
        }
        return Repo.root();
    }
}
