package com.calroute.contracts.kafka;

import com.calroute.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates missing topics as {@link Topics#DECLARED} says, for local runs and tests, and returns once each new
 * partition's leader serves it; where production creates them (the Kubernetes Job) and turns creation off, a service's
 * start only {@link #check checks} that what it needs is there as declared.
 */
public final class TopicSetup {

    /** How long the broker may take to create the topics and serve their partitions. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * Creates each of {@code names} that does not exist yet with {@code partitions} partitions and the broker's
     * default replication factor (a managed cluster replicates, a test broker does not).
     *
     * @param clientConfig the service's Kafka client settings (bootstrap servers, security); other keys are ignored
     */
    public static void ensure(Map<String, ?> clientConfig, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(adminConfig(clientConfig))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                Topics.Declared declared = Topics.declared(name);
                topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs(declared)));
            }
            Map<TopicPartition, OffsetSpec> created = new HashMap<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    for (int partition = 0; partition < partitions; partition++) {
                        created.put(new TopicPartition(result.getKey(), partition), OffsetSpec.latest());
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitServingLeaders(admin, created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + PATIENCE + " while creating topics", e);
        }
    }

    /**
     * Returns when each of {@code names} exists with the cleanup policy {@link Topics#DECLARED} gives it; otherwise
     * throws, naming every topic that is missing or differs, so that a service started before the topics Job ran (or
     * beside a hand-made topic that would delete a table's keys) stops with the reason instead of running wrong.
     *
     * @param clientConfig the service's Kafka client settings (bootstrap servers, security); other keys are ignored
     */
    public static void check(Map<String, ?> clientConfig, Collection<String> names) {
        try (Admin admin = Admin.create(adminConfig(clientConfig))) {
            Set<String> existing = admin.listTopics().names().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            List<String> problems = new ArrayList<>();
            List<ConfigResource> present = new ArrayList<>();
            for (String name : names) {
                if (existing.contains(name)) {
                    present.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
                } else {
                    problems.add(name + " is missing");
                }
            }
            admin.describeConfigs(present).all().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((resource, config) -> {
                        // Only the policy: a log's retention set before it was declared is the operator's to change.
                        String declared = cleanupPolicy(Topics.declared(resource.name()));
                        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                        String actual = policy == null ? null : policy.value();
                        if (!declared.equals(actual)) {
                            problems.add(resource.name() + " has cleanup.policy=" + actual + ", declared " + declared);
                        }
                    });
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Kafka's topics are not as declared: " + String.join("; ", problems)
                        + ". Production creates them with the kafka-topics Job (k8s/kafka-topics-job.yaml) before the"
                        + " services start; locally, set create-topics to true.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot check the topics " + names, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + PATIENCE + " while checking the topics",
                    e);
        }
    }

    /**
     * The topics among {@code names} that have never held a record: every partition's end offset is 0. A compacted
     * topic keeps each live key's latest value for ever, so one that its producer has written to and that is empty
     * now was lost by the broker (a new cluster, a deleted topic, a wiped disk), not cleaned up.
     *
     * @param clientConfig the service's Kafka client settings (bootstrap servers, security); other keys are ignored
     */
    public static List<String> neverWritten(Map<String, ?> clientConfig, Collection<String> names) {
        try (Admin admin = Admin.create(adminConfig(clientConfig))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> description.partitions().forEach(partition ->
                            ends.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            Map<String, Long> written = new HashMap<>();
            names.forEach(name -> written.put(name, 0L));
            admin.listOffsets(ends).all().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, end) -> written.merge(partition.topic(), end.offset(), Long::sum));
            return names.stream().filter(name -> written.get(name) == 0).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the topics' end offsets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + names, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + PATIENCE + " for the end offsets of " + names, e);
        }
    }

    /** A new topic's settings: its cleanup policy, and a log's retention (a table's only matters with deletion). */
    private static Map<String, String> configs(Topics.Declared topic) {
        Map<String, String> configs = new HashMap<>(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(topic)));
        topic.retention().ifPresent(retention ->
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
        return configs;
    }

    private static String cleanupPolicy(Topics.Declared topic) {
        return topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    /** The bootstrap servers and security settings of a client's configuration, with the admin's own time-outs. */
    private static Map<String, Object> adminConfig(Map<String, ?> clientConfig) {
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((key, value) -> {
            if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        return config;
    }

    /**
     * Returns once every new partition's leader answers for its end offset. A new partition refuses writes until
     * its leader serves it, and an idempotent producer refused that way can stall a partition until its delivery
     * time-out; right after creation the broker may not even know the topic yet, so refusals are asked again.
     */
    private static void awaitServingLeaders(Admin admin, Map<TopicPartition, OffsetSpec> partitions)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("new topics did not get a serving leader", e.getCause());
                }
                Thread.sleep(100);
            }
        }
    }
}
