package com.calroute.deployment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes YAML into typed fabric8 resources. A document that does not fit the model is reported, not
 * skipped: a kind fabric8 does not know (a typo, or a custom resource) only passes when it is one of the custom
 * resources this project deliberately ships.
 */
final class Manifests {

    static final String KUSTOMIZATION = "kustomization.yaml";

    /** The API versions this project writes; older ones (policy/v1beta1, autoscaling/v1...) are refused. */
    static final Map<String, Set<String>> ALLOWED_KINDS = Map.of(
            "v1", Set.of("Namespace", "ConfigMap", "Service", "Secret"),
            "apps/v1", Set.of("Deployment"),
            "batch/v1", Set.of("Job"),
            "policy/v1", Set.of("PodDisruptionBudget"),
            "autoscaling/v2", Set.of("HorizontalPodAutoscaler"),
            "networking.k8s.io/v1", Set.of("NetworkPolicy"));

    /** Custom resources that fabric8 has no model for, read as generic resources and checked field by field. */
    static final Map<String, Set<String>> CUSTOM_KINDS = Map.of("kafka.strimzi.io/v1", Set.of("KafkaTopic"));

    private static final KubernetesSerialization SERIALIZATION = strictSerialization();

    private Manifests() {
    }

    /** Every document of every YAML file under k8s/ except the kustomization, with the problems found reading them. */
    static Loaded all() {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : Repo.files("k8s", ".yaml", ".yml")) {
            if (file.getFileName().toString().equals(KUSTOMIZATION)) {
                continue;
            }
            Loaded loaded = parse(Repo.read(file), Repo.relative(file));
            manifests.addAll(loaded.manifests());
            problems.addAll(loaded.problems());
        }
        return new Loaded(manifests, problems);
    }

    /** The documents of one YAML text; {@code source} names it in messages. */
    static Loaded parse(String yaml, String source) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> documents = StrictYaml.documents(yaml, source);
        for (int i = 0; i < documents.size(); i++) {
            String where = source + " #" + (i + 1);
            JsonNode node = documents.get(i);
            String apiVersion = node.path("apiVersion").asText("");
            String kind = node.path("kind").asText("");
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                problems.add(where + ": apiVersion and kind are required");
                continue;
            }
            boolean builtIn = ALLOWED_KINDS.getOrDefault(apiVersion, Set.of()).contains(kind);
            boolean custom = CUSTOM_KINDS.getOrDefault(apiVersion, Set.of()).contains(kind);
            if (!builtIn && !custom) {
                problems.add(where + ": " + apiVersion + " " + kind + " is not a kind this project deploys "
                        + "(allowed: " + ALLOWED_KINDS + " and custom " + CUSTOM_KINDS + ")");
                continue;
            }
            KubernetesResource typed;
            try {
                typed = SERIALIZATION.convertValue(node, KubernetesResource.class);
            } catch (RuntimeException e) {
                problems.add(where + ": does not fit the Kubernetes model: " + rootMessage(e));
                continue;
            }
            if (builtIn && typed instanceof GenericKubernetesResource) {
                problems.add(where + ": fabric8 has no model for " + apiVersion + " " + kind);
                continue;
            }
            if (!(typed instanceof HasMetadata resource)) {
                problems.add(where + ": " + kind + " is not a top-level resource");
                continue;
            }
            String label = where + " " + kind + "/" + node.path("metadata").path("name").asText("?");
            if (builtIn) {
                UnknownFields.find(resource, kind).forEach(p -> problems.add(label + ": " + p));
            } else {
                // Only metadata is modelled for a custom resource; its spec is checked by the test that owns it.
                UnknownFields.find(resource.getMetadata(), kind + ".metadata").forEach(p -> problems.add(label + ": " + p));
            }
            manifests.add(new Manifest(where, node, resource));
        }
        return new Loaded(manifests, problems);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    // fabric8 reads "8081" into an integer field (its GoCompatibilityModule); the API server refuses a quoted
    // number there, so this mapper does too. Registered after fabric8's modules, so it takes precedence.
    private static KubernetesSerialization strictSerialization() {
        ObjectMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
        mapper.registerModule(new SimpleModule("strict-integers").addDeserializer(Integer.class, new StdDeserializer<>(Integer.class) {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                    return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
                }
                return p.getIntValue();
            }
        }));
        return serialization;
    }

    /** Typed manifests, and what could not be read into them. */
    record Loaded(List<Manifest> manifests, List<String> problems) {

        <T extends HasMetadata> List<T> ofType(Class<T> type) {
            return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
        }

        List<Manifest> ofKind(String kind) {
            return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
        }
    }
}
