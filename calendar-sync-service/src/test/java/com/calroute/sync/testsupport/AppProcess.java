package com.calroute.sync.testsupport;

import java.io.IOException;
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

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a separate JVM, configured with
 * system properties, its output in {@code target/it-logs/<name>.log}. Stopping sends SIGTERM, as Kubernetes does.
 */
public final class AppProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the packaged application with these settings. */
    public static AppProcess start(String name, Map<String, String> settings) throws IOException {
        String jar = System.getProperty("calroute.sync.app.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the packaged application is missing at " + jar + " (run mvn verify)");
        }
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppProcess(name, process, log);
    }

    /** The log so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the log contains a line matching {@code regex}; returns the first match. */
    public Matcher awaitLog(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(log());
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not log /" + regex + "/ within " + timeout + ":\n" + tail());
    }

    /** The HTTP port the application listens on (from its start-up line). */
    public int httpPort(Duration timeout) throws InterruptedException {
        return Integer.parseInt(awaitLog("Listening on: http://[^:]+:(\\d+)", timeout).group(1));
    }

    /** Sends SIGTERM and waits for the process to end (forcibly after 60 s). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM without waiting (to watch what the process does while it shuts down). */
    public void signalStop() {
        process.destroy();
    }

    /** Waits for the process to end after {@link #signalStop()}; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /**
     * Kills the process without warning (SIGKILL, as {@code kill -9} or the OOM killer does): no shutdown hook runs,
     * nothing is flushed, the consumer group is not left. Waits for it to be gone; its exit code (137).
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /** True while running. */
    public boolean alive() {
        return process.isAlive();
    }

    private String tail() {
        String text = log();
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
