package com.calroute.deployment;

import com.calroute.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics Job creates exactly the topics the code uses, compacted except dead-letter topics, with the partition
 * count the services are told; the Strimzi alternative says the same; and the Job's script does what it says,
 * run here against a stand-in for kafka-topics.sh.
 */
class KafkaTopicsTest {

    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"(calroute(?:\\.[a-z0-9-]+)+\\.v\\d+)\"");
    private static final Pattern TOPIC_LINE = Pattern.compile("(calroute\\.\\S+) (compact|delete)(?: (\\d+))?");
    private static final String JOB = "calroute-kafka-topics";

    private static final Manifests.Loaded LOADED = Manifests.all();
    private static final ManifestRules RULES = new ManifestRules(LOADED);

    @Test
    void theJobCreatesEveryTopicTheCodeNames() throws IOException {
        Map<String, String> created = jobTopics(script());
        assertThat(created.keySet()).as("topics in the Job's script must cover the topic names in */src/main/java")
                .containsAll(topicsNamedInCode())
                .contains("calroute.tenants.v1", "calroute.users.v1", "calroute.calendar.v1", "calroute.status.v1");
    }

    @Test
    void theJobCreatesExactlyTheTopicsTheContractDeclares() {
        Map<String, String> declared = new LinkedHashMap<>();
        Topics.DECLARED.forEach(topic -> declared.put(topic.name(), topic.compacted() ? "compact" : "delete"));
        assertThat(jobTopics(script())).containsExactlyEntriesOf(declared);
    }

    @Test
    void theJobGivesEachLogTheDeclaredRetentionAndTablesNone() {
        Map<String, String> declared = new LinkedHashMap<>();
        Topics.DECLARED.forEach(topic -> topic.retention().ifPresent(
                retention -> declared.put(topic.name(), Long.toString(retention.toMillis()))));
        assertThat(declared).isNotEmpty();
        assertThat(jobRetentions(script())).containsExactlyEntriesOf(declared);
    }

    @Test
    void everyTopicIsCompactedExceptDeadLetterTopics() {
        jobTopics(script()).forEach((topic, policy) ->
                assertThat(policy).as(topic).isEqualTo(topic.contains(".dlq.") ? "delete" : "compact"));
    }

    @Test
    void theJobUsesThePartitionCountTheServicesAreGiven() {
        Container c = job().getSpec().getTemplate().getSpec().getContainers().get(0);
        var partitions = c.getEnv().stream().filter(e -> e.getName().equals("CALROUTE_KAFKA_PARTITIONS")).findFirst().orElseThrow();
        assertThat(partitions.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo(ManifestRules.PLATFORM_CONFIG);
        assertThat(partitions.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("CALROUTE_KAFKA_PARTITIONS");
        assertThat(c.getImage()).startsWith("apache/kafka:");
    }

    @Test
    void theStrimziAlternativeDeclaresTheSameTopics() {
        List<GenericKubernetesResource> topics = LOADED.ofType(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("KafkaTopic")).toList();
        Map<String, String> jobTopics = jobTopics(script());
        Map<String, String> data = RULES.configMap(JOB).orElseThrow().getData();
        int partitions = Integer.parseInt(RULES.configMap(ManifestRules.PLATFORM_CONFIG).orElseThrow().getData()
                .get("CALROUTE_KAFKA_PARTITIONS"));
        Map<String, String> declared = new TreeMap<>();
        Map<String, String> retentions = new TreeMap<>();
        for (GenericKubernetesResource topic : topics) {
            Map<String, Object> spec = topic.get("spec");
            String name = (String) spec.get("topicName");
            assertThat(spec).as(name).containsOnlyKeys("topicName", "partitions", "replicas", "config");
            assertThat(spec.get("partitions")).as(name + " partitions").isEqualTo(partitions);
            assertThat(String.valueOf(spec.get("replicas"))).as(name + " replicas").isEqualTo(data.get("CALROUTE_KAFKA_REPLICATION_FACTOR"));
            Map<String, Object> config = topic.get("spec", "config");
            assertThat(String.valueOf(config.get("min.insync.replicas"))).as(name + " min.insync.replicas")
                    .isEqualTo(data.get("CALROUTE_KAFKA_MIN_INSYNC_REPLICAS"));
            assertThat(topic.getMetadata().getLabels()).as(name).containsKey("strimzi.io/cluster");
            declared.put(name, (String) config.get("cleanup.policy"));
            if (config.get("retention.ms") != null) {
                retentions.put(name, String.valueOf(config.get("retention.ms")));
            }
        }
        assertThat(declared).isEqualTo(new TreeMap<>(jobTopics));
        assertThat(retentions).isEqualTo(new TreeMap<>(jobRetentions(script())));
    }

    @Test
    void theScriptIsValidBash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("create-topics.sh");
        Files.writeString(file, script());
        Result result = run(List.of("bash", "-n", file.toString()), Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theScriptCreatesEachTopicIdempotentlyAndPassesWhenTheyFit(@TempDir Path dir) throws Exception {
        Result result = runScriptAgainstFakeKafka(dir, 12, "compact");
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
        Map<String, String> topics = jobTopics(script());
        for (Map.Entry<String, String> topic : topics.entrySet()) {
            assertThat(calls).as("calls for " + topic.getKey()).anySatisfy(call -> assertThat(call)
                    .contains("--bootstrap-server kafka-test:9092", "--create", "--if-not-exists",
                            "--topic " + topic.getKey(), "--partitions 12", "--replication-factor 3",
                            "--config cleanup.policy=" + topic.getValue(), "--config min.insync.replicas=2"));
        }
        jobRetentions(script()).forEach((topic, retention) -> assertThat(calls).as("calls for " + topic)
                .anySatisfy(call -> assertThat(call).contains("--topic " + topic, "--config retention.ms=" + retention)));
        assertThat(result.output()).contains("ok   calroute.users.v1: 12 partitions, cleanup.policy=compact");
    }

    @Test
    void theScriptFailsWhenAnExistingTopicHasAnotherPartitionCount(@TempDir Path dir) throws Exception {
        Result result = runScriptAgainstFakeKafka(dir, 6, "compact");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAIL calroute.tenants.v1 has 6 partitions; the suite needs 12");
    }

    @Test
    void theScriptFailsWhenAnExistingTopicIsNotCompacted(@TempDir Path dir) throws Exception {
        Result result = runScriptAgainstFakeKafka(dir, 12, "delete");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAIL calroute.tenants.v1 is not compacted");
    }

    // A stand-in for kafka-topics.sh that logs its arguments and describes every topic with the given shape.
    private Result runScriptAgainstFakeKafka(Path dir, int partitions, String policy) throws Exception {
        Path fake = dir.resolve("kafka-topics.sh");
        Files.writeString(fake, """
                #!/bin/bash
                echo "$*" >> "%s"
                if [[ " $* " == *" --describe "* ]]; then
                  topic=$(sed -n 's/.*--topic \\([^ ]*\\).*/\\1/p' <<< "$*")
                  printf 'Topic: %%s\\tTopicId: x\\tPartitionCount: %d\\tReplicationFactor: 3\\tConfigs: cleanup.policy=%s,min.insync.replicas=2\\n' "$topic"
                  printf '\\tTopic: %%s\\tPartition: 0\\tLeader: 1\\n' "$topic"
                fi
                """.formatted(dir.resolve("calls.log"), partitions, policy));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("create-topics.sh");
        Files.writeString(script, script().replace("/opt/kafka/bin/kafka-topics.sh", fake.toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CALROUTE_KAFKA_BOOTSTRAP", "kafka-test:9092");
        env.put("CALROUTE_KAFKA_PARTITIONS", "12");
        env.put("CALROUTE_KAFKA_REPLICATION_FACTOR", "3");
        env.put("CALROUTE_KAFKA_MIN_INSYNC_REPLICAS", "2");
        return run(List.of("bash", script.toString()), env);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Job job() {
        return LOADED.ofType(Job.class).stream().filter(j -> j.getMetadata().getName().equals(JOB)).findFirst().orElseThrow();
    }

    private static String script() {
        ConfigMap cm = RULES.configMap(JOB).orElseThrow();
        return cm.getData().get("create-topics.sh");
    }

    /** The topic lines of the script's here-document, in order: name → cleanup.policy. */
    static Map<String, String> jobTopics(String script) {
        return jobColumn(script, 2);
    }

    /** The retention.ms of the topics whose line gives one, in order: name → retention.ms. */
    static Map<String, String> jobRetentions(String script) {
        return jobColumn(script, 3);
    }

    private static Map<String, String> jobColumn(String script, int group) {
        int start = script.indexOf("<<'TOPICS'");
        int end = script.indexOf("\nTOPICS", start);
        assertThat(start).as("the script lists its topics in a <<'TOPICS' here-document").isPositive();
        Map<String, String> topics = new LinkedHashMap<>();
        for (String line : script.substring(script.indexOf('\n', start) + 1, end).split("\n")) {
            Matcher m = TOPIC_LINE.matcher(line.trim());
            assertThat(m.matches()).as("topic line '%s'", line).isTrue();
            assertThat(topics.containsKey(m.group(1))).as("listed twice: " + m.group(1)).isFalse();
            if (m.group(group) != null) {
                topics.put(m.group(1), m.group(group));
            }
        }
        return topics;
    }

    /** Every string literal that looks like a topic name in the modules' main Java sources. */
    static TreeSet<String> topicsNamedInCode() throws IOException {
        TreeSet<String> topics = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (var modules = Files.list(Repo.root())) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                sources.addAll(Repo.files(Repo.relative(module) + "/src/main/java", ".java"));
            }
        }
        for (Path source : sources) {
            Matcher m = TOPIC_LITERAL.matcher(Repo.read(source));
            while (m.find()) {
                topics.add(m.group(1));
            }
        }
        return topics;
    }
}
