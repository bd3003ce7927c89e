package com.calroute.sync.health;

import com.calroute.sync.testsupport.SyncBehindBrokerRelay;
import com.calroute.testing.kafka.InjectRelayedKafka;
import com.calroute.testing.kafka.RelayedKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker taken away (a relay in front of a broker of the test's own is cut): readiness says not ready, and says
 * so within 200 ms every time — a probe that waited for the broker would time out, and Kubernetes would fail the
 * pod for the wrong reason; given back, ready again without a restart.
 */
@QuarkusTest
@TestProfile(ReadinessDuringBrokerOutageTest.BrokerBehindRelay.class)
class ReadinessDuringBrokerOutageTest {

    /** The service's broker behind a relay the test can cut; everything else as in the other tests. */
    public static class BrokerBehindRelay implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SyncBehindBrokerRelay.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @InjectRelayedKafka
    RelayedKafka broker;

    @Test
    void readinessAnswersAtOnceWhileTheBrokerIsAwayAndRecovers() {
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);

        broker.relay().cut();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 503);
            List<Long> answerMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                Response response = ready();
                answerMillis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.jsonPath().getString("checks.find { it.name == 'calendar-sync' }.data.kafka"))
                        .isEqualTo("down");
            }
            System.out.printf("readiness during the broker outage answered in %s ms%n", answerMillis);
            assertThat(answerMillis).allSatisfy(millis -> assertThat(millis).isLessThan(200));
        } finally {
            broker.relay().restore();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
    }

    private static Response ready() {
        return given().when().get("/q/health/ready");
    }
}
