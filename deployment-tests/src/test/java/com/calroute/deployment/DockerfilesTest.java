package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each docker/<image>/Dockerfile: a pinned base image, a non-root user, the port its service listens on, a health
 * check, exec-form start so SIGTERM reaches the JVM, and nothing fetched during the build.
 */
class DockerfilesTest {

    /** The ports each image must expose (the services' and the console's quarkus.http.port; the simulator's http and https). */
    static final Map<String, Set<Integer>> PORTS = Map.of(
            "config-service", Set.of(8081),
            "calendar-sync-service", Set.of(8082),
            "routing-service", Set.of(8083),
            "web-console", Set.of(8090),
            "ews-simulator", Set.of(8085, 8443));

    private static final Pattern FETCHING = Pattern.compile(
            "\\b(curl|wget|apt-get|apt|apk|dnf|microdnf|yum|pip3?|npm|mvn|mvnw|gradle|gradlew|git)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one build argument a Dockerfile may take: the base, so the tests can build the same file on a stand-in. */
    static final String BASE_ARGUMENT = "BASE_IMAGE";
    private static final Pattern ARGUMENT = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    @Test
    void thereIsOneDockerfilePerServiceAndTheSimulator() {
        Map<String, Path> found = new TreeMap<>();
        for (Path file : Repo.files("docker", "Dockerfile")) {
            found.put(file.getParent().getFileName().toString(), file);
        }
        assertThat(found.keySet()).isEqualTo(new java.util.TreeSet<>(PORTS.keySet()));
    }

    @Test
    void everyDockerfileKeepsTheRules() {
        List<String> violations = new ArrayList<>();
        for (Path file : Repo.files("docker", "Dockerfile")) {
            String image = file.getParent().getFileName().toString();
            violations.addAll(check(Dockerfile.parse(Repo.read(file), Repo.relative(file)), PORTS.getOrDefault(image, Set.of()),
                    ignoreFile(file)));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void quarkusImagesCopyTheFastJarLayersInDependencyOrder() {
        for (String service : List.of("config-service", "calendar-sync-service", "routing-service", "web-console")) {
            Dockerfile dockerfile = Dockerfile.parse(Repo.read("docker/" + service + "/Dockerfile"), service);
            List<String> sources = dockerfile.all("COPY").stream().map(i -> copySources(i.arguments()).get(0)).toList();
            String app = service + "/target/quarkus-app/";
            assertThat(sources).containsExactly(app + "lib/", app + "*.jar", app + "app/", app + "quarkus/");
            assertThat(String.join(" ", dockerfile.all("ENTRYPOINT").get(0).arguments())).contains("quarkus-run.jar");
        }
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24 | BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime        | not pinned
            BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24 | BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:latest | not pinned
            ARG BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24 | ARG BASE_IMAGE                                           | declared before FROM with the pinned
            FROM ${BASE_IMAGE}                                           | FROM ${OTHER_BASE}                                             | must be ${BASE_IMAGE}
            USER 185                                                     | USER root                                                      | runs as root
            USER 185                                                     | # no user                                                      | no USER
            EXPOSE 8081                                                  | EXPOSE 8080                                                    | does not EXPOSE 8081
            HEALTHCHECK                                                  | # HEALTHCHECK                                                  | no HEALTHCHECK
            ENTRYPOINT ["/bin/sh", "-c",                                 | ENTRYPOINT /bin/sh -c                                          | exec form
            USER 185                                                     | RUN microdnf install -y curl\\nUSER 185                        | fetches
            """)
    void theRulesCatchBrokenDockerfiles(String from, String to, String expected) {
        Path file = Repo.path("docker/config-service/Dockerfile");
        String text = Repo.read(file);
        assertThat(text).contains(from);
        String broken = text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to.replace("\\n", "\n")));
        if (to.startsWith("# HEALTHCHECK")) {
            broken = broken.replaceAll("(?m)^  CMD \\[.*$", "");
        }
        assertThat(check(Dockerfile.parse(broken, "broken"), Set.of(8081), ignoreFile(file)))
                .anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void copyingAFileTheIgnoreFileExcludesIsReported() {
        Path file = Repo.path("docker/config-service/Dockerfile");
        String broken = Repo.read(file) + "COPY config-service/src/main/resources/application.properties /deployments/\n";
        assertThat(check(Dockerfile.parse(broken, "broken"), Set.of(8081), ignoreFile(file)))
                .anySatisfy(v -> assertThat(v).contains("excluded by"));
    }

    static List<String> check(Dockerfile dockerfile, Set<Integer> ports, List<String> ignore) {
        List<String> v = new ArrayList<>();
        String where = dockerfile.source();
        var from = dockerfile.all("FROM");
        if (from.isEmpty()) {
            v.add(where + ": no FROM");
        }
        Map<String, String> buildArguments = dockerfile.argumentDefaults();
        for (var instruction : from) {
            String named = instruction.arguments().split("\\s+")[0];
            var reference = ARGUMENT.matcher(named);
            String image = named;
            if (reference.matches()) {
                image = buildArguments.getOrDefault(reference.group(1), "");
                if (!BASE_ARGUMENT.equals(reference.group(1)) || image.isEmpty()) {
                    v.add(where + ": FROM " + named + " must be ${" + BASE_ARGUMENT + "}, declared before FROM with the pinned"
                            + " production base as its default");
                    continue;
                }
            }
            String last = image.substring(image.lastIndexOf('/') + 1);
            if (image.contains("$") || !last.contains(":") || last.endsWith(":latest")) {
                v.add(where + ": base image " + image + " is not pinned to a fixed tag");
            }
        }
        var users = dockerfile.all("USER");
        if (users.isEmpty()) {
            v.add(where + ": no USER: the image would run as root");
        } else {
            String user = users.get(users.size() - 1).arguments().split(":")[0];
            if (user.equals("root") || user.equals("0")) {
                v.add(where + ": runs as root");
            }
        }
        Set<Integer> exposed = new LinkedHashSet<>();
        dockerfile.all("EXPOSE").forEach(i -> {
            for (String port : i.arguments().split("\\s+")) {
                exposed.add(Integer.parseInt(port.split("/")[0]));
            }
        });
        for (int port : ports) {
            if (!exposed.contains(port)) {
                v.add(where + ": does not EXPOSE " + port);
            }
        }
        var health = dockerfile.all("HEALTHCHECK");
        if (health.isEmpty()) {
            v.add(where + ": no HEALTHCHECK (Compose's depends_on: service_healthy relies on it)");
        }
        for (var instruction : health) {
            int cmd = instruction.arguments().indexOf("CMD ");
            if (cmd < 0 || !isJsonArray(instruction.arguments().substring(cmd + 4))) {
                v.add(where + ": HEALTHCHECK must be CMD in exec (JSON array) form");
            }
        }
        var entrypoint = dockerfile.all("ENTRYPOINT");
        if (entrypoint.size() != 1 || !isJsonArray(entrypoint.get(0).arguments())) {
            v.add(where + ": needs one ENTRYPOINT in exec form (JSON array), so the JVM receives SIGTERM");
        } else if (!entrypoint.get(0).arguments().contains("exec java") && !entrypoint.get(0).arguments().startsWith("[\"java\"")) {
            v.add(where + ": ENTRYPOINT must exec java (a wrapping shell would swallow SIGTERM)");
        }
        dockerfile.all("CMD").forEach(i -> {
            if (!isJsonArray(i.arguments())) {
                v.add(where + ": CMD must be in exec form (JSON array)");
            }
        });
        dockerfile.all("RUN").forEach(i -> {
            if (FETCHING.matcher(i.arguments().toLowerCase(Locale.ROOT)).find()) {
                v.add(where + ": RUN " + i.arguments() + " fetches or builds during the image build; copy Maven's output instead");
            }
        });
        dockerfile.all("ADD").forEach(i -> v.add(where + ": ADD (which can fetch URLs and unpack archives); use COPY"));
        for (var copy : dockerfile.all("COPY")) {
            if (copy.arguments().contains("--from=")) {
                continue;
            }
            for (String source : copySources(copy.arguments())) {
                if (!Files.exists(Repo.path(source.split("/")[0]))) {
                    v.add(where + ": COPY " + source + " is not under a module of the repository");
                }
                if (!ignore.isEmpty() && !included(source, ignore)) {
                    v.add(where + ": COPY " + source + " is excluded by the Dockerfile's .dockerignore");
                }
            }
        }
        return v;
    }

    /** The sources of a COPY (all words but flags and the destination). */
    static List<String> copySources(String arguments) {
        List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
        words.removeIf(w -> w.startsWith("--"));
        return words.subList(0, words.size() - 1);
    }

    // BuildKit's <Dockerfile>.dockerignore: the last matching pattern wins; "*" then "!path" re-includes.
    private static boolean included(String source, List<String> patterns) {
        boolean included = true;
        for (String pattern : patterns) {
            boolean negate = pattern.startsWith("!");
            String glob = (negate ? pattern.substring(1) : pattern).replaceAll("/$", "");
            String sourcePath = source.replaceAll("/$", "");
            if (matchesPattern(glob, sourcePath)) {
                included = negate;
            }
        }
        return included;
    }

    private static boolean matchesPattern(String glob, String path) {
        if (glob.equals("*")) {
            return true;
        }
        String regex = Pattern.quote(glob).replace("*", "\\E[^/]*\\Q");
        return path.matches(regex) || path.matches(regex + "/.*") || path.equals(glob) || glob.equals(path);
    }

    private static List<String> ignoreFile(Path dockerfile) {
        Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        if (!Files.isRegularFile(ignore)) {
            return List.of();
        }
        return Repo.read(ignore).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static boolean isJsonArray(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray() || node.isEmpty()) {
                return false;
            }
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
