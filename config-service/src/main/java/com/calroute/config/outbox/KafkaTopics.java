package com.calroute.config.outbox;

import com.calroute.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the topics this service produces to, idempotently and compacted, as every Calroute producer does at start. */
final class KafkaTopics {

    static final List<String> PRODUCED = List.of(Topics.USERS, Topics.TENANTS);

    private KafkaTopics() {
    }

    static void ensure(Map<String, Object> clientConfig, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        clientConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, OffsetSpec> created = new HashMap<>();
            for (String topic : PRODUCED) {
                NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(20, TimeUnit.SECONDS);
                    for (int partition = 0; partition < partitions; partition++) {
                        created.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitServingLeaders(admin, created, Duration.ofSeconds(20));
        }
    }

    /**
     * Returns once every new partition's leader answers for its end offset. A new partition refuses writes until
     * its leader serves it, and an idempotent producer refused that way can stall a partition until its delivery
     * time-out; right after creation the broker may not even know the topic yet, so refusals are asked again.
     */
    private static void awaitServingLeaders(Admin admin, Map<TopicPartition, OffsetSpec> partitions, Duration patience)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(patience.toMillis(), TimeUnit.MILLISECONDS);
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
