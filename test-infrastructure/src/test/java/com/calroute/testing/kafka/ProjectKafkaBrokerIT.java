package com.calroute.testing.kafka;

import com.calroute.testing.net.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker that {@code bin/kafka} runs (Kafka's jars from Maven Central, KRaft) starts, serves a produce/consume
 * round trip, reports its status and stops — on free ports and in a scratch folder so it never touches a
 * developer's running suite.
 */
class ProjectKafkaBrokerIT {

    private static Path repoRoot;
    private static Map<String, String> environment;
    private static int port;

    @BeforeAll
    static void startProjectBroker() throws Exception {
        repoRoot = RepoRoot.locate();
        port = FreePorts.any();
        Path scratch = Files.createTempDirectory("calroute-kafka-it");
        environment = Map.of(
                "CALROUTE_KAFKA_DIR", scratch.resolve("kafka").toString(),
                "CALROUTE_KAFKA_PORT", Integer.toString(port),
                "CALROUTE_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.any()),
                "CALROUTE_KAFKA_HEAP", "384m");
        // Reuse the jars bin/kafka already fetched for the suite, if any, instead of copying them again.
        Path fetched = repoRoot.resolve(".kafka/libs");
        if (Files.exists(fetched.resolve(".complete"))) {
            Files.createDirectories(scratch.resolve("kafka"));
            Files.createSymbolicLink(scratch.resolve("kafka/libs"), fetched);
        }
        assertThat(script("start")).as("bin/kafka start exit code").isZero();
    }

    @AfterAll
    static void stopProjectBroker() throws Exception {
        if (environment != null) {
            assertThat(script("stop")).as("bin/kafka stop exit code").isZero();
            assertThat(script("status")).as("status after stop").isNotZero();
        }
    }

    @Test
    void startIsIdempotentAndStatusReportsRunning() throws Exception {
        assertThat(script("start")).isZero();
        assertThat(script("status")).isZero();
    }

    @Test
    void producedRecordsAreConsumedBack() throws Exception {
        List<ConsumerRecord<String, String>> received = KafkaRoundTrip.run("127.0.0.1:" + port, 10);

        assertThat(received).hasSize(10);
        assertThat(received).extracting(ConsumerRecord::key).contains("acme/user-0", "acme/user-4");
    }

    private static int script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(repoRoot.resolve("bin/kafka").toString(), command)
                .directory(repoRoot.toFile())
                .inheritIO();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/kafka " + command + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }
}
