package com.calroute.testing.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: from the build's {@code repo.root} property, else by walking up. */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path locate() {
        String configured = System.getProperty("repo.root");
        if (configured != null && Files.exists(Path.of(configured, "bin/kafka"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin/kafka")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the repository root (bin/kafka) from " + Path.of("").toAbsolutePath());
    }
}
