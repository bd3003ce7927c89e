package com.calroute.e2e;

import com.calroute.testing.net.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole suite under test, started once per test JVM with {@code bin/calroute up --no-demo} on free ports of its own,
 * run folder and databases (so it never disturbs a developer's running suite), and stopped at JVM exit.
 * The tests then walk the customer's guide through the public APIs themselves.
 */
public final class Suite {

    /** The suite's ports, free when this test JVM chose them together, so no two suites ever share one. */
    private static final int[] PORTS = FreePorts.distinct(10);
    public static final int CONFIG_PORT = PORTS[0];
    public static final int SYNC_PORT = PORTS[1];
    public static final int ROUTING_PORT = PORTS[2];
    public static final int SIM_HTTP_PORT = PORTS[3];
    public static final int SIM_HTTPS_PORT = PORTS[4];
    public static final int KEYCLOAK_PORT = PORTS[5];
    public static final int KAFKA_PORT = PORTS[6];
    public static final int CONSOLE_PORT = PORTS[7];
    private static final int KAFKA_CONTROLLER_PORT = PORTS[8];
    private static final int KEYCLOAK_MANAGEMENT_PORT = PORTS[9];
    private static final String DB_SUFFIX = "_e2e";

    private static Suite running;

    private final Path repoRoot;
    private final Map<String, String> environment;

    private Suite(Path repoRoot, Map<String, String> environment) {
        this.repoRoot = repoRoot;
        this.environment = environment;
    }

    /** The running suite, starting it on first use. */
    public static synchronized Suite get() {
        if (running == null) {
            running = start();
            Suite started = running;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "e2e-suite-down"));
        }
        return running;
    }

    public String configUrl() {
        return "http://127.0.0.1:" + CONFIG_PORT;
    }

    public String syncUrl() {
        return "http://127.0.0.1:" + SYNC_PORT;
    }

    public String routingUrl() {
        return "http://127.0.0.1:" + ROUTING_PORT;
    }

    /** The EWS endpoint as a tenant admin types it: TLS with the simulator's self-signed certificate. */
    public String ewsUrl() {
        return "https://localhost:" + SIM_HTTPS_PORT + "/EWS/Exchange.asmx";
    }

    public String simulatorControlUrl() {
        return "http://127.0.0.1:" + SIM_HTTP_PORT + "/sim/v1";
    }

    public String issuer() {
        return "http://localhost:" + KEYCLOAK_PORT + "/realms/calroute";
    }

    /** The web console as a browser opens it (Keycloak's console client allows this origin). */
    public String consoleUrl() {
        return "http://localhost:" + CONSOLE_PORT;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + KAFKA_PORT;
    }

    private static Suite start() {
        Path root = repoRoot();
        Path runDir = root.resolve("e2e/target/suite");
        Map<String, String> env = new HashMap<>();
        env.put("CALROUTE_RUN_DIR", runDir.toString());
        env.put("CALROUTE_CONFIG_PORT", Integer.toString(CONFIG_PORT));
        env.put("CALROUTE_SYNC_PORT", Integer.toString(SYNC_PORT));
        env.put("CALROUTE_ROUTING_PORT", Integer.toString(ROUTING_PORT));
        env.put("CALROUTE_SIM_HTTP_PORT", Integer.toString(SIM_HTTP_PORT));
        env.put("CALROUTE_SIM_HTTPS_PORT", Integer.toString(SIM_HTTPS_PORT));
        env.put("CALROUTE_KEYCLOAK_PORT", Integer.toString(KEYCLOAK_PORT));
        // Nothing calls Keycloak's management interface, so any free port does; its default 9000 may be taken.
        env.put("CALROUTE_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(KEYCLOAK_MANAGEMENT_PORT));
        env.put("CALROUTE_KAFKA_PORT", Integer.toString(KAFKA_PORT));
        env.put("CALROUTE_KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_CONTROLLER_PORT));
        env.put("CALROUTE_DB_SUFFIX", DB_SUFFIX);
        env.put("CALROUTE_CONSOLE_PORT", Integer.toString(CONSOLE_PORT));
        env.put("CALROUTE_REALM_FILE", E2eRealm.write(root, root.resolve("e2e/target"), CONSOLE_PORT).toString());
        // The reactor has just built and packaged every module; a nested Maven build would be wasted time.
        env.put("CALROUTE_SKIP_BUILD", "1");
        // Automatic replies are polled every 4 minutes by default; the tests should not wait that long.
        env.put("CALROUTE_SYNC_AUTOMATIC_REPLIES_INTERVAL", "PT3S");
        env.put("CALROUTE_SYNC_WORKING_HOURS_INTERVAL", "PT3S");
        Suite suite = new Suite(root, env);
        suite.run(List.of("down"), 3);
        deleteRecursively(runDir.resolve("kafka"));
        dropDatabases();
        if (suite.run(List.of("up", "--no-demo"), 12) != 0) {
            throw new IllegalStateException("bin/calroute up failed: " + whyUpFailed(runDir.resolve("calroute-up.log"))
                    + "; see " + runDir.resolve("calroute-up.log") + " and the component logs in " + runDir);
        }
        return suite;
    }

    /**
     * The reason on one line, for CI's summary that keeps only a failure's first line: the up log's closing reason
     * and, where it names a component's log, that log's first error.
     */
    private static String whyUpFailed(Path upLog) {
        try {
            List<String> lines = Files.readAllLines(upLog, StandardCharsets.UTF_8);
            // bin/calroute's own failures end with "!! reason"; bin/kafka's and bin/keycloak's with their last line.
            String reason = lines.stream().filter(line -> line.startsWith("!! ")).reduce((first, last) -> last)
                    .map(line -> line.substring(3))
                    .or(() -> lines.stream().filter(line -> !line.isBlank()).reduce((first, last) -> last))
                    .orElse("it printed nothing").strip();
            Matcher componentLog = Pattern.compile("(?:its log:|see) (/\\S+\\.log)").matcher(reason);
            if (componentLog.find() && Files.exists(Path.of(componentLog.group(1)))) {
                try (var log = Files.lines(Path.of(componentLog.group(1)), StandardCharsets.UTF_8)) {
                    reason += log.filter(line -> line.contains("ERROR") || line.contains("Exception")).findFirst()
                            .map(line -> " — " + line.strip()).orElse("");
                }
            }
            return reason;
        } catch (IOException | UncheckedIOException e) {
            return "its log cannot be read (" + e.getMessage() + ")";
        }
    }

    private void stop() {
        run(List.of("down"), 3);
    }

    private int run(List<String> arguments, int timeoutMinutes) {
        try {
            Path runDir = Path.of(environment.get("CALROUTE_RUN_DIR"));
            Files.createDirectories(runDir);
            Path log = runDir.resolve("calroute-" + arguments.get(0) + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(repoRoot.resolve("bin/calroute").toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                System.out.println(Files.readString(log, StandardCharsets.UTF_8));
                throw new IllegalStateException("bin/calroute " + arguments + " did not finish in " + timeoutMinutes + " min");
            }
            System.out.println(Files.readString(log, StandardCharsets.UTF_8));
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bin/calroute " + arguments, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fresh databases each run; bin/postgres re-creates them owned by the services' role. */
    private static void dropDatabases() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            for (String db : List.of("calroute_config", "calroute_sync", "calroute_routing")) {
                statement.execute("DROP DATABASE IF EXISTS " + db + DB_SUFFIX + " WITH (FORCE)");
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reset the e2e databases on 127.0.0.1:5432", e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + path, e);
        }
    }

    private static Path repoRoot() {
        String configured = System.getProperty("repo.root");
        if (configured != null && Files.exists(Path.of(configured, "bin/calroute"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin/calroute"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (bin/calroute)");
    }
}
