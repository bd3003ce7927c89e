package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's environment exactly as docker/docker-compose.yml sets it, moved from the Compose network onto this
 * machine's loopback: each {@code host:port} of the Compose network becomes the loopback address and port of the
 * test's own suite, and nothing else changes. A value naming a Compose host this class does not know fails the
 * test, so a new variable in the Compose file cannot silently go untested.
 */
final class ComposeEnvironment {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)}");
    private static final Pattern HOST_PORT = Pattern.compile("\\b([a-z][a-z0-9-]*):(\\d{2,5})\\b");

    private final JsonNode services;
    private final Map<String, String> addresses;
    private final String databaseSuffix;

    /**
     * @param addresses      Compose {@code host:port} → the test's {@code host:port} (Compose service names and the
     *                       {@code localhost:port}s a browser on the host uses)
     * @param databaseSuffix appended to each PostgreSQL database name, so the test's databases are its own
     */
    ComposeEnvironment(Map<String, String> addresses, String databaseSuffix) {
        try {
            this.services = new ObjectMapper(new YAMLFactory()).readTree(Repo.read("docker/docker-compose.yml")).path("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.addresses = addresses;
        this.databaseSuffix = databaseSuffix;
    }

    /** The service's variables with ${NAME:-default} resolved to the default and addresses moved to the loopback. */
    Map<String, String> of(String service) {
        JsonNode environment = services.path(service).path("environment");
        Map<String, String> moved = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        environment.fields().forEachRemaining(entry -> {
            String value = DEFAULTED.matcher(entry.getValue().asText()).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
            value = value.replaceAll("(jdbc:postgresql://[^/]+/[a-z_]+)", "$1" + databaseSuffix);
            Matcher address = HOST_PORT.matcher(value);
            StringBuilder replaced = new StringBuilder();
            while (address.find()) {
                String target = addresses.get(address.group());
                if (target == null) {
                    unknown.add(entry.getKey() + "=" + entry.getValue().asText() + " (" + address.group() + ")");
                    target = address.group();
                }
                address.appendReplacement(replaced, Matcher.quoteReplacement(target));
            }
            address.appendTail(replaced);
            moved.put(entry.getKey(), replaced.toString());
        });
        if (!unknown.isEmpty()) {
            throw new AssertionError("docker-compose.yml, service " + service + ": no loopback address for " + unknown);
        }
        return moved;
    }

    /** The Compose memory limit (deploy.resources.limits.memory), or the fallback when the file sets none. */
    String memoryLimit(String service, String fallback) {
        String limit = services.path(service).path("deploy").path("resources").path("limits").path("memory").asText("");
        return limit.isEmpty() ? fallback : limit;
    }
}
