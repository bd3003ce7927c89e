package com.calroute.testing.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process test broker is a real Kafka broker: records round-trip, in order per key. */
class TestKafkaTest {

    @Test
    void recordsRoundTripInOrderPerKey() throws Exception {
        List<ConsumerRecord<String, String>> received = KafkaRoundTrip.run(TestKafka.bootstrapServers(), 20);

        assertThat(received).hasSize(20);
        received.stream().collect(Collectors.groupingBy(ConsumerRecord::key)).values().forEach(perKey ->
                assertThat(perKey).extracting(ConsumerRecord::offset).isSorted());
        assertThat(received).extracting(ConsumerRecord::value).contains("{\"version\":0}", "{\"version\":19}");
    }
}
