package com.calroute.deployment;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's production configuration, tuning and Secrets tables against what is really read and set: the
 * manifests' environments and Secret references, the services' application.properties and @ConfigMapping keys,
 * and the Compose file. A variable a service starts reading, or a manifest starts setting, fails here until the
 * README documents it.
 */
class ProductionConfigurationTest {

    static final Map<String, String> WORKLOADS = Map.of(
            "config", "config-service",
            "sync", "calendar-sync-service",
            "routing", "routing-service",
            "console", "web-console",
            "topics Job", "calroute-kafka-topics");

    private static final Readme README = Readme.read();
    private static final ManifestRules RULES = new ManifestRules(Manifests.all());

    @Test
    void theReadmeHasTheDeploymentSections() {
        assertThat(README.text()).contains("\n## Deploying with Docker Compose\n", "\n## Deploying to Kubernetes\n",
                "\n### Production configuration\n", "\n### Secrets to create\n", "\n### Scaling each service, and why it is safe\n");
        String scaling = README.section("### Scaling each service, and why it is safe");
        for (String service : KubernetesManifestsTest.SERVICES) {
            assertThat(scaling).as("scaling section names " + service).contains("| " + service + " |");
        }
    }

    @Test
    void theTablesAreWellFormed() {
        List<String> v = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Readme.Row row : README.production()) {
            if (!List.of("yes", "optional").contains(row.required())) {
                v.add(row.variable() + ": required must be yes or optional, is " + row.required());
            }
        }
        for (Readme.Row row : concat(README.production(), README.tuning())) {
            if (!row.variable().matches("[A-Z][A-Z0-9_]*")) {
                v.add(row.variable() + ": not an environment variable name");
            }
            for (String workload : row.workloads()) {
                if (!seen.add(row.variable() + "@" + workload)) {
                    v.add(row.variable() + ": documented twice for " + workload);
                }
            }
            if (row.workloads().isEmpty()) {
                v.add(row.variable() + ": names no service (use " + WORKLOADS.keySet() + ")");
            }
        }
        assertThat(README.production()).hasSizeGreaterThan(10);
        assertThat(v).isEmpty();
    }

    @Test
    void everyVariableTheManifestsSetIsDocumentedForThatWorkload() {
        List<String> v = new ArrayList<>();
        RULES.templates().forEach((workload, template) -> {
            for (String variable : environment(template).keySet()) {
                if (!README.documented(variable, workload)) {
                    v.add(workload + " sets " + variable + ", which the README's tables do not list for it");
                }
            }
        });
        assertThat(v).isEmpty();
    }

    @Test
    void everyRequiredVariableIsSetForEachWorkloadItNames() {
        List<String> v = new ArrayList<>();
        for (Readme.Row row : README.production()) {
            if (!row.required().equals("yes")) {
                continue;
            }
            for (String workload : row.workloads()) {
                PodTemplateSpec template = RULES.templates().get(workload);
                if (template == null) {
                    v.add(row.variable() + ": names " + workload + ", which k8s/ does not deploy");
                } else if (!environment(template).containsKey(row.variable())) {
                    v.add(row.variable() + " is required for " + workload + ", but its manifest does not set it");
                }
            }
        }
        assertThat(v).isEmpty();
    }

    @Test
    void everyVariableTheServicesReadIsDocumented() {
        List<String> v = new ArrayList<>();
        for (String service : KubernetesManifestsTest.SERVICES) {
            ServiceProperties properties = ServiceProperties.of(service);
            for (String variable : properties.environmentReferences()) {
                if (README.production().stream().noneMatch(r -> r.variable().equals(variable) && r.workloads().contains(service))) {
                    v.add(service + "/src/main/resources/application.properties reads " + variable
                            + ": add it to the README's production configuration table");
                }
            }
            for (String variable : properties.requiredEnvironment()) {
                if (README.production().stream().noneMatch(r -> r.variable().equals(variable) && r.required().equals("yes"))) {
                    v.add(service + " reads " + variable + " without a default: the README must mark it required");
                }
            }
            for (String variable : ConfigMappingKeys.of(service).keySet()) {
                if (!README.documented(variable, service)) {
                    v.add(service + "'s @ConfigMapping has " + variable
                            + ": add it to the README's production configuration or tuning table");
                }
            }
        }
        assertThat(v).isEmpty();
    }

    @Test
    void tuningDefaultsAreTheCodesDefaults() {
        List<String> v = new ArrayList<>();
        for (Readme.Row row : README.tuning()) {
            for (String service : row.workloads()) {
                Map<String, String> keys = ConfigMappingKeys.of(service);
                if (!keys.containsKey(row.variable())) {
                    v.add(row.variable() + ": not a key of " + service + "'s @ConfigMapping");
                    continue;
                }
                String expected = keys.get(row.variable()) == null ? "none" : keys.get(row.variable());
                if (!expected.equals(row.defaultValue())) {
                    v.add(row.variable() + " (" + service + "): the README says " + row.defaultValue() + ", the code " + expected);
                }
            }
        }
        assertThat(v).isEmpty();
    }

    @Test
    void everyDocumentedVariableIsUsedSomewhere() {
        List<String> v = new ArrayList<>();
        for (Readme.Row row : README.production()) {
            for (String workload : row.workloads()) {
                boolean used = RULES.templates().containsKey(workload) && environment(RULES.templates().get(workload)).containsKey(row.variable())
                        || ServiceProperties.of(workload).environmentReferences().contains(row.variable())
                        || ConfigMappingKeys.of(workload).containsKey(row.variable())
                        || (java.nio.file.Files.isRegularFile(Repo.path("docker/" + workload + "/Dockerfile"))
                            && Repo.read("docker/" + workload + "/Dockerfile").contains(row.variable()));
                if (!used) {
                    v.add(row.variable() + ": documented for " + workload + ", which neither sets nor reads it");
                }
            }
        }
        assertThat(v).isEmpty();
    }

    @Test
    void theSecretsTableIsExactlyWhatTheManifestsReference() {
        Set<String> documented = new TreeSet<>();
        for (Readme.SecretRow row : README.secrets()) {
            row.keys().forEach(k -> documented.add(row.name() + "/" + k));
        }
        Set<String> referenced = new TreeSet<>();
        RULES.secretReferences().keySet().forEach(ref -> {
            if (ref.endsWith("/*")) {
                String name = ref.substring(0, ref.length() - 2);
                README.secrets().stream().filter(r -> r.name().equals(name)).findFirst()
                        .ifPresentOrElse(r -> r.keys().forEach(k -> referenced.add(name + "/" + k)), () -> referenced.add(ref));
            } else {
                referenced.add(ref);
            }
        });
        assertThat(documented).isEqualTo(referenced);
    }

    @Test
    void composeSetsOnlyDocumentedVariablesOnTheServices() {
        List<String> v = new ArrayList<>();
        var services = ComposeFileTest.compose().path("services");
        for (String service : KubernetesManifestsTest.SERVICES) {
            for (String variable : ComposeFileTest.environment(services.path(service)).keySet()) {
                if (!README.documented(variable, service)) {
                    v.add("docker-compose.yml sets " + variable + " on " + service + ", which the README does not list for it");
                }
            }
        }
        assertThat(v).isEmpty();
    }

    /**
     * ContainerImagesIT starts the images with the Compose file's environment; this keeps that the manifests'
     * configuration: every variable a manifest sets, Compose sets too, and a variable only Compose sets is an
     * optional one (the demo's allowances for the simulator). Values that are neither addresses nor secrets agree,
     * except where the README says why not.
     */
    @Test
    void composeStartsEachServiceWithTheManifestsVariables() {
        // Compose has no topics Job: there the services create their topics at start.
        Set<String> differentByDesign = Set.of("CALROUTE_KAFKA_CREATE_TOPICS");
        List<String> v = new ArrayList<>();
        var services = ComposeFileTest.compose().path("services");
        for (String workload : KubernetesManifestsTest.SERVICES) {
            Map<String, String> manifest = environment(RULES.templates().get(workload));
            Map<String, String> compose = ComposeFileTest.environment(services.path(workload));
            for (var variable : manifest.entrySet()) {
                String composed = compose.get(variable.getKey());
                if (composed == null) {
                    v.add(workload + ": the manifest sets " + variable.getKey() + ", docker-compose.yml does not");
                } else if (!differentByDesign.contains(variable.getKey()) && !addressOrSecret(variable.getValue())
                        && !addressOrSecret(composed) && !composed.equals(variable.getValue())) {
                    v.add(workload + ": " + variable.getKey() + " is " + variable.getValue() + " in k8s/, " + composed
                            + " in docker-compose.yml");
                }
            }
            for (String variable : compose.keySet()) {
                boolean optional = README.production().stream().anyMatch(row -> row.variable().equals(variable)
                        && row.workloads().contains(workload) && row.required().equals("optional"));
                if (!manifest.containsKey(variable) && !optional) {
                    v.add(workload + ": docker-compose.yml sets " + variable + ", which the manifest does not, and the"
                            + " README does not mark it optional");
                }
            }
        }
        assertThat(v).isEmpty();
    }

    private static boolean addressOrSecret(String value) {
        return value.startsWith("<") || value.contains("${") || value.contains("://") || value.matches(".*[a-z0-9-]:\\d{2,5}.*");
    }

    @Test
    void aVariableMissingFromTheReadmeIsReported() {
        int section = README.text().indexOf("\n" + Readme.SECTION + "\n");
        Readme without = Readme.parse(README.text().substring(0, section)
                + README.text().substring(section).replaceFirst("\\| `CALROUTE_OIDC_URL` \\|[^\\n]*\\n", ""));
        assertThat(without.documented("CALROUTE_OIDC_URL", "routing-service")).isFalse();
        assertThat(README.documented("CALROUTE_OIDC_URL", "routing-service")).isTrue();
        assertThat(without.production()).hasSize(README.production().size() - 1);
    }

    private Map<String, String> environment(PodTemplateSpec template) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Container c : template.getSpec().getContainers()) {
            env.putAll(RULES.environment(c));
        }
        return env;
    }

    private static List<Readme.Row> concat(List<Readme.Row> a, List<Readme.Row> b) {
        List<Readme.Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
