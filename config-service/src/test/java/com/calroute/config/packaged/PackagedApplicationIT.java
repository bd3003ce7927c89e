package com.calroute.config.packaged;

import com.calroute.testing.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box checks of the packaged application in its production profile: it refuses to start without an encryption
 * key, and with one it starts and stays live while Kafka is unreachable (the outbox holds the changes).
 */
class PackagedApplicationIT {

    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private Process process;
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void refusesToStartWithoutAnEncryptionKeyAndSaysWhy() throws Exception {
        start(Map.of());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process exits").isTrue();
        assertThat(process.exitValue()).isNotZero();
        synchronized (output) {
            assertThat(String.join("\n", output)).contains("refuses to start").contains("openssl rand -base64 32");
        }
    }

    @Test
    void startsWithAKeyAndStaysLiveWhileKafkaIsUnreachable() throws Exception {
        start(Map.of("CALROUTE_SECRETS_KEYS", "it:WuYKScDrootOsL6lbam0VzwnBddL/YG1TQbUw4x2v3M="));
        int port = awaitPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tenants"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private void start(Map<String, String> extraEnvironment) throws IOException {
        assertThat(Files.exists(RUNNER)).as("packaged application at " + RUNNER).isTrue();
        String database = TestPostgres.freshDatabase("calroute_config_it");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", RUNNER.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CALROUTE_") || name.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("CALROUTE_DB_URL", database);
        env.put("CALROUTE_DB_USER", TestPostgres.user());
        env.put("CALROUTE_DB_PASSWORD", "");
        env.put("CALROUTE_KAFKA_BOOTSTRAP", "127.0.0.1:1");
        env.put("CALROUTE_OIDC_URL", "http://127.0.0.1:1/realms/calroute");
        env.put("CALROUTE_OIDC_CLIENT_SECRET", "it-secret");
        env.putAll(extraEnvironment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                        output.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "packaged-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        synchronized (output) {
            while (System.nanoTime() < deadline) {
                for (String line : output) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
                assertThat(process.isAlive()).as("still running; output so far:\n" + String.join("\n", output)).isTrue();
                output.wait(500);
            }
        }
        throw new AssertionError("the application did not start listening: " + String.join("\n", output));
    }
}
