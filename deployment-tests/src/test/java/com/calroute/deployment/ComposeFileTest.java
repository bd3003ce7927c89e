package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/docker-compose.yml against the Compose specification's JSON schema (vendored from npm, see
 * src/test/resources/compose-spec/README.md), then what the schema cannot know: health checks everywhere, start
 * order on health, addresses that point at services of the file, ports that match the images, enough time to
 * drain on stop, and no secret that is not an obviously local default.
 */
class ComposeFileTest {

    static final String COMPOSE = "docker/docker-compose.yml";
    static final Set<String> CALROUTE = Set.of("config-service", "calendar-sync-service", "routing-service");
    /** The web console: its URLs are the ones the host's browser uses, and it needs neither Kafka nor a database. */
    static final String CONSOLE = "web-console";
    static final Set<String> EXPECTED_SERVICES = Set.of("kafka", "postgres", "keycloak", "ews-simulator",
            "config-service", "calendar-sync-service", "routing-service", CONSOLE);

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEYS|TOKEN).*");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");
    private static final Pattern LOCAL_DEFAULT = Pattern.compile("(?i)calroute|admin|.*dev.*");
    private static final Pattern ADDRESS = Pattern.compile("(?:^|//|,)([a-z][a-z0-9-]*):(\\d+)");

    @Test
    void theFileValidatesAgainstTheComposeSpecification() throws IOException {
        assertThat(schemaViolations(compose())).isEmpty();
    }

    @Test
    void theFileKeepsTheStructureRules() {
        assertThat(structureViolations(compose())).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            image: postgres:16.10                     | image: postgres                         | /services/postgres
            interval: 10s\\n      timeout: 10s        | intervall: 10s\\n      timeout: 10s      | intervall
            condition: service_healthy                | condition: service_ready                  | depends_on.postgres.condition
            stop_grace_period: 45s                    | stop_grace_period: 45s\\n    restart_policy: always | restart_policy
            """)
    void theSchemaCatchesWhatIsNotCompose(String from, String to, String expected) throws IOException {
        JsonNode broken = breakCompose(from, to);
        List<String> violations = schemaViolations(broken);
        if (from.startsWith("image: postgres")) {
            // An image without a tag is valid Compose: the structure rules refuse it.
            assertThat(violations).isEmpty();
            assertThat(structureViolations(broken)).anySatisfy(v -> assertThat(v).contains("not pinned"));
        } else {
            assertThat(violations).anySatisfy(v -> assertThat(v).contains(expected));
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            test: ["CMD", "pg_isready"                                  | disable: true\\n      test: ["CMD", "pg_isready" | postgres: no health check
            keycloak:\\n        condition: service_healthy\\n    deploy:\\n      resources:\\n        limits:\\n          memory: 768m | keycloak:\\n        condition: service_started\\n    deploy:\\n      resources:\\n        limits:\\n          memory: 768m | service_healthy
            CALROUTE_CONFIG_SERVICE_URL: http://config-service:8081      | CALROUTE_CONFIG_SERVICE_URL: http://config:8081     | config:8081
            CALROUTE_KAFKA_BOOTSTRAP: kafka:9092\\n      CALROUTE_KAFKA_PARTITIONS: "12"\\n      CALROUTE_KAFKA_CREATE_TOPICS: "true"\\n      CALROUTE_OIDC_URL: http://keycloak:8180/realms/calroute\\n      QUARKUS | CALROUTE_KAFKA_BOOTSTRAP: kafka:9094\\n      CALROUTE_KAFKA_PARTITIONS: "12"\\n      CALROUTE_KAFKA_CREATE_TOPICS: "true"\\n      CALROUTE_OIDC_URL: http://keycloak:8180/realms/calroute\\n      QUARKUS | kafka:9094
            CALROUTE_DB_PASSWORD: ${CALROUTE_DB_PASSWORD:-calroute}      | CALROUTE_DB_PASSWORD: s3cr3t-prod-pw                | CALROUTE_DB_PASSWORD
            "127.0.0.1:8083:8083"                                        | "127.0.0.1:8083:8080"                                | 8080
            "127.0.0.1:8180:8180"                                        | "8180:8180"                                          | every interface
            stop_grace_period: 60s                                       | stop_grace_period: 20s                               | stop_grace_period
            CALROUTE_CONFIG_API_URL: http://localhost:8081               | CALROUTE_CONFIG_API_URL: http://config-service:8081  | the host's browser cannot resolve
            CALROUTE_ROUTING_API_URL: http://localhost:8083              | CALROUTE_ROUTING_API_URL: http://localhost:8084      | localhost:8084, a port no service publishes
            "127.0.0.1:8090:8090"                                        | "127.0.0.1:8091:8090"                                | web-console: publishes
            stop_grace_period: 30s                                       | stop_grace_period: 10s                               | web-console: stop_grace_period
            CALROUTE_CONSOLE_ORIGINS: http://localhost:8090\\n    stop_grace_period: 40s | CALROUTE_CONSOLE_ORIGINS: http://localhost:3000\\n    stop_grace_period: 40s | routing-service: CALROUTE_CONSOLE_ORIGINS
            """)
    void theStructureRulesCatchBrokenServices(String from, String to, String expected) throws IOException {
        assertThat(structureViolations(breakCompose(from, to))).anySatisfy(v -> assertThat(v).contains(expected));
    }

    static JsonNode compose() {
        return StrictYaml.single(Repo.read(COMPOSE), COMPOSE);
    }

    static JsonNode breakCompose(String from, String to) {
        String text = Repo.read(COMPOSE);
        String realFrom = from.replace("\\n", "\n");
        assertThat(text).contains(realFrom);
        return StrictYaml.single(text.replaceFirst(Pattern.quote(realFrom), Matcher.quoteReplacement(to.replace("\\n", "\n"))), "broken");
    }

    static List<String> schemaViolations(JsonNode compose) throws IOException {
        JsonNode schemaNode;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            assertThat(in).as("vendored compose-spec.json").isNotNull();
            schemaNode = StrictYaml.MAPPER.readTree(in);
        }
        // The file names draft-07 by an https IRI the validator does not know; say draft-07 in its own words, so it
        // never tries to fetch a meta-schema (the build has no network).
        ((ObjectNode) schemaNode).put("$schema", "http://json-schema.org/draft-07/schema#");
        ((ObjectNode) schemaNode).remove("$id");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
        return schema.validate(compose).stream().map(ValidationMessage::toString).sorted().toList();
    }

    static List<String> structureViolations(JsonNode compose) {
        List<String> v = new ArrayList<>();
        JsonNode services = compose.path("services");
        Set<String> names = new java.util.TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        if (!names.equals(new java.util.TreeSet<>(EXPECTED_SERVICES))) {
            v.add("services are " + names + ", expected " + new java.util.TreeSet<>(EXPECTED_SERVICES));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            v.addAll(image(name, service));
            v.addAll(health(name, service));
            v.addAll(dependencies(name, service, names));
            v.addAll(files(name, service));
            service.path("ports").forEach(p -> {
                if (!p.asText().startsWith("127.0.0.1:")) {
                    v.add(name + ": publishes " + p.asText() + " on every interface; bind it to 127.0.0.1 (development defaults)");
                }
            });
            Map<String, String> env = environment(service);
            for (Map.Entry<String, String> e : env.entrySet()) {
                v.addAll(secret(name, e.getKey(), e.getValue()));
                if (e.getKey().startsWith("CALROUTE_") && (e.getKey().endsWith("_URL") || e.getKey().endsWith("_BOOTSTRAP"))) {
                    v.addAll(CONSOLE.equals(name) ? browserAddress(name, e.getKey(), e.getValue(), compose)
                            : address(name, e.getKey(), e.getValue(), compose));
                }
            }
            if (CALROUTE.contains(name) || CONSOLE.equals(name)) {
                v.addAll(calrouteImage(name, service, env));
            }
            if (CALROUTE.contains(name)) {
                v.addAll(calrouteService(name, service, env));
                v.addAll(consoleOrigin(name, env, compose));
            }
        }
        return v;
    }

    private static List<String> image(String name, JsonNode service) {
        String image = service.path("image").asText("");
        if (image.isEmpty()) {
            return List.of(name + ": needs an image (pinned, or the tag the build produces)");
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (!last.contains(":") || last.endsWith(":latest")) {
            return List.of(name + ": image " + image + " is not pinned to a fixed tag");
        }
        return List.of();
    }

    private static List<String> health(String name, JsonNode service) {
        JsonNode check = service.path("healthcheck");
        if (check.path("disable").asBoolean(false)) {
            return List.of(name + ": no health check (disabled)");
        }
        if (!check.isMissingNode()) {
            JsonNode test = check.path("test");
            if (!test.isArray() || test.isEmpty() || test.get(0).asText().equals("NONE")) {
                return List.of(name + ": no health check (healthcheck.test must be a CMD list)");
            }
            return List.of();
        }
        String dockerfile = service.path("build").path("dockerfile").asText("");
        if (!dockerfile.isEmpty() && Files.isRegularFile(Repo.path(dockerfile))
                && !Dockerfile.parse(Repo.read(dockerfile), dockerfile).all("HEALTHCHECK").isEmpty()) {
            return List.of();
        }
        return List.of(name + ": no health check (neither healthcheck: nor a HEALTHCHECK in its Dockerfile)");
    }

    private static List<String> dependencies(String name, JsonNode service, Set<String> names) {
        List<String> v = new ArrayList<>();
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isArray()) {
            v.add(name + ": depends_on must use the long form with condition: service_healthy");
            return v;
        }
        dependsOn.fields().forEachRemaining(d -> {
            if (!names.contains(d.getKey())) {
                v.add(name + ": depends on " + d.getKey() + ", which is not a service of the file");
            }
            if (!"service_healthy".equals(d.getValue().path("condition").asText())) {
                v.add(name + ": depends on " + d.getKey() + " without condition: service_healthy");
            }
        });
        return v;
    }

    private static List<String> files(String name, JsonNode service) {
        List<String> v = new ArrayList<>();
        Path base = Repo.path("docker");
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            if (source.startsWith(".") && !Files.exists(base.resolve(source).normalize())) {
                v.add(name + ": mounts " + source + ", which does not exist beside the compose file");
            }
        }
        JsonNode build = service.path("build");
        if (!build.isMissingNode()) {
            Path context = base.resolve(build.path("context").asText(".")).normalize();
            if (!Files.isRegularFile(context.resolve(build.path("dockerfile").asText("Dockerfile")))) {
                v.add(name + ": build.dockerfile " + build.path("dockerfile").asText() + " is not in its context " + context);
            }
        }
        return v;
    }

    private static List<String> secret(String service, String key, String value) {
        if (!SECRET_NAME.matcher(key).matches()) {
            return List.of();
        }
        Matcher m = INTERPOLATION.matcher(value);
        if (!m.matches()) {
            return List.of(service + ": " + key + " is a literal secret; write ${" + key + ":-<local dev default>}");
        }
        String fallback = m.group(2);
        if (fallback != null && !LOCAL_DEFAULT.matcher(fallback).matches()) {
            return List.of(service + ": " + key + " falls back to " + fallback
                    + ", which does not look like a local development default (calroute, admin or *dev*)");
        }
        return List.of();
    }

    private static List<String> address(String service, String key, String value, JsonNode compose) {
        List<String> v = new ArrayList<>();
        Matcher m = ADDRESS.matcher(value);
        boolean any = false;
        while (m.find()) {
            any = true;
            String host = m.group(1);
            int port = Integer.parseInt(m.group(2));
            JsonNode target = compose.path("services").path(host);
            if (target.isMissingNode()) {
                v.add(service + ": " + key + " points at " + host + ":" + port + ", which is not a service of the file");
            } else if (!listensOn(host, target, port)) {
                v.add(service + ": " + key + " points at " + host + ":" + port + ", a port " + host + " does not listen on");
            }
        }
        if (!any) {
            v.add(service + ": " + key + " = " + value + " names no host:port");
        }
        return v;
    }

    private static boolean listensOn(String host, JsonNode service, int port) {
        Set<Integer> ports = new java.util.HashSet<>(DockerfilesTest.PORTS.getOrDefault(host, Set.of()));
        service.path("ports").forEach(p -> ports.add(Integer.parseInt(p.asText().substring(p.asText().lastIndexOf(':') + 1))));
        Map<String, Integer> known = Map.of("kafka", 9092, "postgres", 5432, "keycloak", 8180);
        if (known.containsKey(host)) {
            ports.add(known.get(host));
        }
        return ports.contains(port);
    }

    /** The three services: Kafka, PostgreSQL and topic creation. */
    private static List<String> calrouteService(String name, JsonNode service, Map<String, String> env) {
        List<String> v = new ArrayList<>();
        if (service.path("depends_on").path("kafka").isMissingNode()) {
            v.add(name + ": must wait for kafka (depends_on with condition: service_healthy)");
        }
        if (env.containsKey("CALROUTE_DB_URL") && service.path("depends_on").path("postgres").isMissingNode()) {
            v.add(name + ": uses PostgreSQL but does not wait for it");
        }
        if (!"true".equals(env.get("CALROUTE_KAFKA_CREATE_TOPICS"))) {
            v.add(name + ": CALROUTE_KAFKA_CREATE_TOPICS must be \"true\" here: Compose has no topics Job");
        }
        return v;
    }

    /** The services and the console: the image's port published on loopback, Keycloak first, time to drain. */
    private static List<String> calrouteImage(String name, JsonNode service, Map<String, String> env) {
        List<String> v = new ArrayList<>();
        int port = DockerfilesTest.PORTS.get(name).iterator().next();
        List<String> published = new ArrayList<>();
        service.path("ports").forEach(p -> published.add(p.asText()));
        if (!published.equals(List.of("127.0.0.1:" + port + ":" + port))) {
            v.add(name + ": publishes " + published + ", expected \"127.0.0.1:" + port + ":" + port + "\" (its image's EXPOSE)");
        }
        if (service.path("depends_on").path("keycloak").isMissingNode()) {
            v.add(name + ": must wait for keycloak (depends_on with condition: service_healthy)");
        }
        // Docker sends SIGKILL after stop_grace_period (10 s by default): the service must get its shutdown budget.
        ServiceProperties properties = ServiceProperties.of(name);
        String timeout = env.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", properties.prod("quarkus.shutdown.timeout").orElse("0s"));
        boolean delayEnabled = properties.prod("quarkus.shutdown.delay-enabled").map(Boolean::parseBoolean).orElse(false);
        String delay = delayEnabled ? properties.prod("quarkus.shutdown.delay").orElse("0s") : "0s";
        long needed = ManifestRules.parseDuration(timeout).toSeconds() + ManifestRules.parseDuration(delay).toSeconds()
                + ManifestRules.SHUTDOWN_MARGIN_SECONDS;
        String grace = service.path("stop_grace_period").asText("10s");
        if (ManifestRules.parseDuration(grace).toSeconds() < needed) {
            v.add(name + ": stop_grace_period " + grace + " is shorter than its shutdown delay + timeout + "
                    + ManifestRules.SHUTDOWN_MARGIN_SECONDS + " s (" + needed + " s)");
        }
        return v;
    }

    /**
     * The console's URLs are handed to the browser, which runs on the host: each must be localhost on a port some
     * service of the file publishes on 127.0.0.1 (a Compose service name would not resolve in the browser).
     */
    private static List<String> browserAddress(String service, String key, String value, JsonNode compose) {
        Matcher m = ADDRESS.matcher(value);
        if (!m.find()) {
            return List.of(service + ": " + key + " = " + value + " names no host:port");
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        if (!host.equals("localhost")) {
            return List.of(service + ": " + key + " points at " + host + ":" + port
                    + ", which the host's browser cannot resolve; use localhost and a published port");
        }
        if (!publishedPorts(compose).contains(port)) {
            return List.of(service + ": " + key + " points at localhost:" + port + ", a port no service publishes");
        }
        return List.of();
    }

    /** A service must allow CORS from the origin the browser loads the console from (its published port). */
    private static List<String> consoleOrigin(String name, Map<String, String> env, JsonNode compose) {
        JsonNode ports = compose.path("services").path(CONSOLE).path("ports");
        if (ports.isEmpty()) {
            return List.of();
        }
        String published = ports.get(0).asText().split(":")[1];
        String origin = "http://localhost:" + published;
        String configured = env.getOrDefault("CALROUTE_CONSOLE_ORIGINS", "");
        if (!List.of(configured.split("\\s*,\\s*")).contains(origin)) {
            return List.of(name + ": CALROUTE_CONSOLE_ORIGINS is '" + configured + "', must include the console's origin " + origin);
        }
        return List.of();
    }

    private static Set<Integer> publishedPorts(JsonNode compose) {
        Set<Integer> ports = new java.util.TreeSet<>();
        compose.path("services").forEach(s -> s.path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            if (parts.length == 3 && parts[0].equals("127.0.0.1")) {
                ports.add(Integer.parseInt(parts[1]));
            }
        }));
        return ports;
    }

    /** A service's environment: mapping or KEY=VALUE list form. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else if (environment.isArray()) {
            environment.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }
}
