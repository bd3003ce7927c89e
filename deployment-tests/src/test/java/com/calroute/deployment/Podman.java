package com.calroute.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * podman with the flags this sandbox needs (RECIPES.md, "Container images"): runc and cgroupfs, because the hybrid
 * cgroups confuse crun, and explicit rlimits, because the sandbox refuses podman's defaults. Never pulls.
 */
final class Podman {

    static final List<String> ULIMITS = List.of("--ulimit", "nofile=1024:4096", "--ulimit", "nproc=1000:2000");

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {

        Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private Podman() {
    }

    static Result podman(long timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
        command.addAll(List.of(arguments));
        return run(command, Map.of(), null, timeoutSeconds);
    }

    static Result podman(long timeoutSeconds, List<String> arguments) {
        return podman(timeoutSeconds, arguments.toArray(String[]::new));
    }

    /** Runs a command to its end; a missing program is a failure with the way to install it, never a skip. */
    static Result run(List<String> command, Map<String, String> environment, Path directory, long timeoutSeconds) {
        Path output = null;
        try {
            output = Files.createTempFile("calroute-command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + command.get(0) + " (" + e.getMessage() + "): this test needs"
                        + " podman, runc and debootstrap (apt-get install -y podman runc debootstrap; .ci/run does it)", e);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
