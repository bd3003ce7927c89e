package com.calroute.config.outbox;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.testing.contract.ContractSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that lost calroute.tenants.v1 and calroute.users.v1 (a new cluster beside this database, as when the
 * developer's suite started a fresh Kafka next to the databases of an earlier run) gets every tenant's and user's
 * current state back: consumers rebuild from the topics, so routing would otherwise never learn those numbers.
 */
@QuarkusTest
class LostTopicsTest {

    private static final List<String> OWN_TOPICS = List.of(Topics.TENANTS, Topics.USERS);

    @Inject
    OutboxRelayService relayService;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theCurrentStateOfEveryTenantAndUserIsPublishedAgainOnceEach() throws Exception {
        String tenant = Api.createTenant("lost");
        String id = Api.enrol(tenant, "siri@acme.no", Api.newMobile(tenant));
        String siri = TestTokens.employee(tenant, "siri@acme.no");
        as(siri).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        // Enrolment, Siri's login linked at her first call, her sync switched on.
        String userKey = Topics.userKey(tenant, id);
        assertThat(TopicReader.atLeast(bootstrap, Topics.USERS, userKey, 3)).hasSize(3);

        relayService.stop();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(OWN_TOPICS).all().get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(OWN_TOPICS::contains));
            relayService.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().containsAll(OWN_TOPICS));
        }

        List<TopicReader.Message> users = TopicReader.atLeast(bootstrap, Topics.USERS, userKey, 1);
        assertThat(users).hasSize(1);
        JsonNode user = ContractSchemas.tree(users.get(0).value());
        assertThat(user.get("version").asLong()).isEqualTo(3);
        assertThat(user.get("syncEnabled").asBoolean()).isTrue();
        List<TopicReader.Message> tenants = TopicReader.read(bootstrap, Topics.TENANTS, tenant::equals,
                list -> !list.isEmpty(), Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(tenants).hasSize(1);
        assertThat(ContractSchemas.tree(tenants.get(0).value()).get("tenantId").asText()).isEqualTo(tenant);
    }
}
