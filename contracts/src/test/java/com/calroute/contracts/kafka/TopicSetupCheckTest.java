package com.calroute.contracts.kafka;

import com.calroute.contracts.Topics;
import com.calroute.testing.kafka.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where production creates the topics, a service's start checks them against the declaration, on a real broker. */
class TopicSetupCheckTest {

    private final Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void topicsCreatedAsDeclaredPassAndALogKeepsItsDeclaredRetention() throws Exception {
        List<String> names = List.of(Topics.USERS + ".as-declared-" + run, Topics.SYNC_DEAD_LETTERS + ".as-declared-" + run);
        TopicSetup.ensure(client, names, 2);

        assertThatCode(() -> TopicSetup.check(client, names)).doesNotThrowAnyException();
        try (Admin admin = Admin.create(client)) {
            ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, names.get(1));
            assertThat(admin.describeConfigs(List.of(deadLetters)).all().get().get(deadLetters)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Topics.DEAD_LETTER_RETENTION.toMillis()));
        }
    }

    @Test
    void aMissingTopicStopsTheStartNamingIt() {
        String present = Topics.TENANTS + ".present-" + run;
        String missing = Topics.CALENDAR + ".missing-" + run;
        TopicSetup.ensure(client, List.of(present), 1);

        assertThatThrownBy(() -> TopicSetup.check(client, List.of(present, missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing + " is missing")
                .hasMessageNotContaining(present + " ")
                .hasMessageContaining("kafka-topics Job");
    }

    @Test
    void aTableTopicThatWouldDeleteItsKeysStopsTheStart() throws Exception {
        // A users table made by hand with the broker's default policy would lose enrolments after the retention.
        String handMade = Topics.USERS + ".hand-made-" + run;
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(handMade, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();
        }

        assertThatThrownBy(() -> TopicSetup.check(client, List.of(handMade)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(handMade + " has cleanup.policy=delete, declared compact");
    }
}
