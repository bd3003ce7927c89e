package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML document under k8s/ read into the typed fabric8 model, with no unknown field, and the rules of
 * {@link ManifestRules}. The second half breaks the real files the way people break them and checks that the
 * same code reports it, so a green run means the checks work, not merely that they ran.
 */
class KubernetesManifestsTest {

    /** (caller, callee) pairs of the suite's internal HTTP calls (/internal/v1). */
    static final Set<List<String>> INTERNAL_CALLS = Set.of(
            List.of("calendar-sync-service", "config-service"),
            List.of("config-service", "calendar-sync-service"));

    /** The three services, which use Kafka. */
    static final List<String> KAFKA_SERVICES = List.of("config-service", "calendar-sync-service", "routing-service");

    /** Every Deployment of the suite: the three services and the web console. */
    static final List<String> SERVICES = List.of("config-service", "calendar-sync-service", "routing-service", "web-console");

    static final String CONSOLE = "web-console";

    private static final Manifests.Loaded LOADED = Manifests.all();
    private static final ManifestRules RULES = new ManifestRules(LOADED);

    @Test
    void everyDocumentFitsTheKubernetesModelWithoutUnknownFields() {
        assertThat(LOADED.problems()).isEmpty();
        assertThat(LOADED.manifests()).extracting(Manifest::kind)
                .contains("Namespace", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget",
                        "HorizontalPodAutoscaler", "NetworkPolicy", "Job");
    }

    @Test
    void eachServiceHasItsDeploymentServiceBudgetAutoscalerAndPolicy() {
        for (String service : SERVICES) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy")) {
                assertThat(LOADED.ofKind(kind)).as(kind + " of " + service).extracting(Manifest::name).contains(service);
            }
        }
    }

    @Test
    void metadataIsComplete() {
        assertThat(RULES.metadata()).isEmpty();
    }

    @Test
    void noSecretCarriesValues() {
        assertThat(RULES.noSecretValues()).isEmpty();
    }

    @Test
    void workloadsHaveImagesProbesResourcesAndFitTheirGracePeriod() {
        assertThat(RULES.workloads()).isEmpty();
    }

    @Test
    void servicesSelectTheirDeployments() {
        assertThat(RULES.services()).isEmpty();
    }

    @Test
    void budgetsAndAutoscalersTargetExistingDeployments() {
        assertThat(RULES.availability()).isEmpty();
    }

    @Test
    void networkPoliciesAdmitOnlyTheGatewayAndTheInternalCalls() {
        assertThat(RULES.networkPolicies(INTERNAL_CALLS)).isEmpty();
    }

    @Test
    void containersOpenThePortsTheirImagesListenOn() {
        assertThat(imagePorts(LOADED)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            web-console.yaml    | containerPort: 8090 | containerPort: 8080
            config-service.yaml | containerPort: 8081 | containerPort: 8090
            """)
    void aContainerPortTheImageDoesNotListenOnIsReported(String file, String from, String to) {
        assertThat(imagePorts(breakFile(file, from, to))).anySatisfy(v -> assertThat(v).contains("EXPOSE"));
    }

    /** Each Deployment's container ports are exactly what its image EXPOSEs (DockerfilesTest.PORTS). */
    static List<String> imagePorts(Manifests.Loaded loaded) {
        List<String> v = new ArrayList<>();
        ManifestRules rules = new ManifestRules(loaded);
        for (String service : SERVICES) {
            var deployment = rules.deployment(service);
            if (deployment.isEmpty()) {
                v.add(service + ": no Deployment");
                continue;
            }
            Set<Integer> ports = deployment.get().getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> java.util.Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                    .map(io.fabric8.kubernetes.api.model.ContainerPort::getContainerPort)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<Integer> expected = new TreeSet<>(DockerfilesTest.PORTS.get(service));
            if (!ports.equals(expected)) {
                v.add("Deployment/" + service + ": container ports " + ports + ", but its image EXPOSEs " + expected);
            }
        }
        return v;
    }

    @Test
    void theConsoleIsReachedOnlyThroughTheGatewayAndReachesNothing() {
        assertThat(consoleOpenings(LOADED)).isEmpty();
    }

    @Test
    void theServicesAllowTheConsolesOrigin() {
        for (String service : KAFKA_SERVICES) {
            Deployment d = RULES.deployment(service).orElseThrow();
            assertThat(RULES.environment(d.getSpec().getTemplate().getSpec().getContainers().get(0)))
                    .as(service).containsKey("CALROUTE_CONSOLE_ORIGINS")
                    .extractingByKey("CALROUTE_CONSOLE_ORIGINS").asString().startsWith("https://");
        }
    }

    /**
     * The console serves static files to the browser, which calls the OIDC provider and the APIs itself: its own
     * policies admit only the gateway, on the console's port, and open no egress (DNS comes from allow-dns).
     */
    static List<String> consoleOpenings(Manifests.Loaded loaded) {
        List<String> v = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> own = loaded
                .ofType(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class).stream()
                .filter(p -> !ManifestRules.isEmpty(p.getSpec().getPodSelector()) && ManifestRules.matches(
                        p.getSpec().getPodSelector(), java.util.Map.of(ManifestRules.NAME_LABEL, CONSOLE)))
                .toList();
        if (own.isEmpty()) {
            v.add(CONSOLE + ": no NetworkPolicy of its own");
        }
        for (var p : own) {
            String where = "NetworkPolicy/" + p.getMetadata().getName();
            if (p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty()) {
                v.add(where + ": opens egress for " + CONSOLE + ", which calls nothing itself");
            }
            for (var rule : java.util.Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of())) {
                for (var peer : java.util.Optional.ofNullable(rule.getFrom()).orElse(List.of())) {
                    boolean gateway = peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                            && peer.getPodSelector().getMatchLabels() != null
                            && ManifestRules.GATEWAY.equals(peer.getPodSelector().getMatchLabels().get(ManifestRules.NAME_LABEL));
                    if (!gateway) {
                        v.add(where + ": admits a peer other than the API gateway");
                    }
                }
                var ports = java.util.Optional.ofNullable(rule.getPorts()).orElse(List.of());
                if (ports.isEmpty() || ports.stream().anyMatch(port -> port.getPort() == null
                        || !Integer.valueOf(8090).equals(port.getPort().getIntVal()))) {
                    v.add(where + ": ingress must name port 8090 only");
                }
            }
        }
        return v;
    }

    @Test
    void servicesDoNotCreateTopicsWhereTheJobDoes() {
        for (String service : KAFKA_SERVICES) {
            Deployment d = RULES.deployment(service).orElseThrow();
            assertThat(RULES.environment(d.getSpec().getTemplate().getSpec().getContainers().get(0)))
                    .as(service).containsEntry("CALROUTE_KAFKA_CREATE_TOPICS", "false");
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndOnlyThose() {
        JsonNode kustomization = StrictYaml.single(Repo.read("k8s/" + Manifests.KUSTOMIZATION), "k8s/kustomization.yaml");
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        assertThat(kustomization.path("namespace").asText()).isEqualTo(ManifestRules.NAMESPACE);
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        for (Path file : Repo.files("k8s", ".yaml", ".yml")) {
            String relative = Repo.root().resolve("k8s").relativize(file).toString().replace('\\', '/');
            if (!relative.contains("/") && !relative.equals(Manifests.KUSTOMIZATION)) {
                present.add(relative);
            }
        }
        assertThat(listed).as("kustomization resources vs. files in k8s/").isEqualTo(present);
        listed.forEach(r -> assertThat(Files.isRegularFile(Repo.path("k8s/" + r))).as(r).isTrue());

        Set<String> imageNames = RULES.deployments().stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .map(c -> c.getImage().substring(0, c.getImage().lastIndexOf(':')))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> overridden = new TreeSet<>();
        kustomization.path("images").forEach(i -> overridden.add(i.path("name").asText()));
        assertThat(overridden).as("kustomization images vs. Deployment images").isEqualTo(imageNames);
    }

    // ---- the checks catch what they are for: each case breaks one real file and expects the named violation ----

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            config-service.yaml        | readinessProbe:            | readinesProbe:
            config-service.yaml        | memory: 512Mi\\n            limits: | memory: 512Mi\\n            limitz:
            routing-service.yaml       | containerPort: 8083        | containerPort: "8083"
            routing-service.yaml       | policy/v1                  | policy/v1beta1
            calendar-sync-service.yaml | kind: Deployment           | kind: Deploymnet
            calendar-sync-service.yaml | cpu: 500m                  | cpu: 500 millicores
            """)
    void unknownFieldsWrongTypesAndUnknownKindsAreReported(String file, String from, String to) {
        Manifests.Loaded broken = breakFile(file, from, to);
        assertThat(broken.problems()).as("problems after replacing '%s' with '%s' in %s", from, to, file).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            config-service.yaml        | image: calroute/config-service:0.1.0-SNAPSHOT | image: calroute/config-service                         | has no tag
            config-service.yaml        | path: /q/health/live                           | path: /health                                          | livenessProbe path
            config-service.yaml        | path: /q/health/ready\\n              port: http | path: /q/health/ready\\n              port: https        | readinessProbe port
            routing-service.yaml       | cpu: "2"\\n              memory: 1536Mi          | cpu: "2"                                               | resources.limits.memory
            calendar-sync-service.yaml | terminationGracePeriodSeconds: 60              | terminationGracePeriodSeconds: 30                      | terminationGracePeriodSeconds 30 is less
            calendar-sync-service.yaml | allowPrivilegeEscalation: false                | allowPrivilegeEscalation: true                         | allowPrivilegeEscalation
            web-console.yaml           | path: /q/health/ready                          | path: /                                                | readinessProbe path
            web-console.yaml           | terminationGracePeriodSeconds: 30              | terminationGracePeriodSeconds: 15                      | terminationGracePeriodSeconds 15 is less
            web-console.yaml           | key: CALROUTE_OIDC_URL                         | key: CALROUTE_OIDC_ISSUER                              | reads ConfigMap
            kafka-topics-job.yaml      | name: calroute-platform\\n                  key: CALROUTE_KAFKA_BOOTSTRAP | name: calroute-platform\\n                  key: KAFKA_BOOTSTRAP | reads ConfigMap
            """)
    void workloadRulesReportBrokenContainers(String file, String from, String to, String expected) {
        assertThat(new ManifestRules(breakFile(file, from, to)).workloads()).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            routing-service.yaml       | targetPort: http                               | targetPort: 8080                         | targetPort 8080
            routing-service.yaml       | selector:\\n    app.kubernetes.io/name: routing-service\\n  ports: | selector:\\n    app.kubernetes.io/name: routing\\n  ports: | matches 0 Deployments
            """)
    void serviceRulesReportServicesThatSelectNothing(String file, String from, String to, String expected) {
        assertThat(new ManifestRules(breakFile(file, from, to)).services()).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            calendar-sync-service.yaml | maxReplicas: 12     | maxReplicas: 24                  | exceeds CALROUTE_KAFKA_PARTITIONS
            config-service.yaml        | minReplicas: 2      | minReplicas: 1                   | no node could be drained
            routing-service.yaml       | name: routing-service\\n  minReplicas | name: routing\\n  minReplicas | does not declare
            config-service.yaml        | revisionHistoryLimit: 5 | replicas: 2\\n  revisionHistoryLimit: 5 | sets spec.replicas
            """)
    void availabilityRulesReportBudgetsAndAutoscalersThatDoNotFit(String file, String from, String to, String expected) {
        assertThat(new ManifestRules(breakFile(file, from, to)).availability()).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            routing-service.yaml       | app.kubernetes.io/name: api-gateway | app.kubernetes.io/name: anything | admits the API gateway
            web-console.yaml           | app.kubernetes.io/name: api-gateway | app.kubernetes.io/name: anything | web-console: no NetworkPolicy admits the API gateway
            config-service.yaml        | app.kubernetes.io/name: calendar-sync-service\\n      ports:\\n        - port: 8081 | app.kubernetes.io/name: routing-service\\n      ports:\\n        - port: 8081 | lets routing-service call config-service
            config-service.yaml        | kubernetes.io/metadata.name: api-gateway\\n          podSelector:\\n            matchLabels:\\n              app.kubernetes.io/name: api-gateway\\n      ports:\\n        - port: 8081 | kubernetes.io/metadata.name: api-gateway\\n      ports:\\n        - port: 8081 | must name pods
            network-policies.yaml      | podSelector: {}\\n  policyTypes:\\n    - Ingress\\n    - Egress | podSelector: {}\\n  policyTypes:\\n    - Ingress | default-deny
            """)
    void networkRulesReportOpenings(String file, String from, String to, String expected) {
        assertThat(new ManifestRules(breakFile(file, from, to)).networkPolicies(INTERNAL_CALLS))
                .anySatisfy(v -> assertThat(v).contains(expected));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            app.kubernetes.io/name: api-gateway\\n      ports:\\n        - port: 8090 | app.kubernetes.io/name: api-gateway\\n        - podSelector:\\n            matchLabels:\\n              app.kubernetes.io/name: routing-service\\n      ports:\\n        - port: 8090 | admits a peer other than the API gateway
            - port: 8090                                                          | - port: 8081                                                                                                                                                                       | port 8090 only
            # No egress rule                                                      | egress:\\n    - ports:\\n        - port: 443\\n          protocol: TCP\\n  # No egress rule                                                                                                    | opens egress
            """)
    void consoleRulesReportOpenings(String from, String to, String expected) {
        assertThat(consoleOpenings(breakFile("web-console.yaml", from, to))).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void aSecretWithValuesIsReported() {
        Manifests.Loaded withSecret = Manifests.parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: config-service-db
                  namespace: calroute
                  labels: {app.kubernetes.io/part-of: calroute}
                stringData:
                  password: hunter2
                """, "inline");
        assertThat(withSecret.problems()).isEmpty();
        assertThat(new ManifestRules(withSecret).noSecretValues()).singleElement().asString().contains("stringData");
    }

    @Test
    void aDuplicatedKeyIsReported() {
        String text = Repo.read("k8s/platform-config.yaml") + "  CALROUTE_KAFKA_PARTITIONS: \"24\"\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.parse(text, "dup"))
                .hasMessageContaining("Duplicate field 'CALROUTE_KAFKA_PARTITIONS'");
    }

    /** All manifests, with one replacement made in one file (which must change it). */
    static Manifests.Loaded breakFile(String file, String from, String to) {
        String realFrom = from.replace("\\n", "\n");
        String realTo = to.replace("\\n", "\n");
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        for (Path path : Repo.files("k8s", ".yaml", ".yml")) {
            if (path.getFileName().toString().equals(Manifests.KUSTOMIZATION)) {
                continue;
            }
            String text = Repo.read(path);
            if (path.getFileName().toString().equals(file)) {
                assertThat(text).as("%s contains the text to break", file).contains(realFrom);
                text = text.replaceFirst(java.util.regex.Pattern.quote(realFrom), java.util.regex.Matcher.quoteReplacement(realTo));
                changed = true;
            }
            Manifests.Loaded loaded = Manifests.parse(text, Repo.relative(path));
            manifests.addAll(loaded.manifests());
            problems.addAll(loaded.problems());
        }
        assertThat(changed).as("file %s exists", file).isTrue();
        return new Manifests.Loaded(manifests, problems);
    }
}
