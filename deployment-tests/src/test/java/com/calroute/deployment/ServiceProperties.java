package com.calroute.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service module's application.properties as the production profile sees it, and the variables it reads. */
final class ServiceProperties {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private final Map<String, String> raw;

    private ServiceProperties(Map<String, String> raw) {
        this.raw = raw;
    }

    /** The module's src/main/resources/application.properties; empty when the module or file does not exist. */
    static ServiceProperties of(String module) {
        var file = Repo.path(module + "/src/main/resources/application.properties");
        Map<String, String> raw = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(Repo.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(k -> raw.put(k, properties.getProperty(k)));
        }
        return new ServiceProperties(raw);
    }

    /** The value in the prod profile: {@code %prod.key} over {@code key}; other profiles do not count. */
    Optional<String> prod(String key) {
        return Optional.ofNullable(raw.getOrDefault("%prod." + key, raw.get(key)));
    }

    /** Environment variables referenced as ${NAME} or ${NAME:default} in values of the prod profile. */
    Set<String> environmentReferences() {
        Set<String> names = new TreeSet<>();
        raw.forEach((key, value) -> {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                return;
            }
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** Referenced variables that have no default: production must set them. */
    Set<String> requiredEnvironment() {
        Set<String> names = new TreeSet<>();
        raw.forEach((key, value) -> {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                return;
            }
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                if (m.group(2) == null) {
                    names.add(m.group(1));
                }
            }
        });
        return names;
    }
}
