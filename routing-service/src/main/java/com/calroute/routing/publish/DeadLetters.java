package com.calroute.routing.publish;

import com.calroute.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Writes records that cannot be used to the dead-letter topic, once: only the owner of the record's partition
 * writes it (held until some replica owns it), and a source already read back from the topic is not written again,
 * so a restart's replay does not duplicate dead letters. Use it from the ingest thread only.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final IntPredicate owns;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final List<ConsumerRecord<String, String>> awaitingOwner = new ArrayList<>();
    private final Map<ConsumerRecord<String, String>, String> reasons = new HashMap<>();

    /** Dead letters sent with {@code producer} to {@code topic} for the partitions {@code owns} accepts. */
    public DeadLetters(Producer<String, String> producer, String topic, IntPredicate owns) {
        this.producer = producer;
        this.topic = topic;
        this.owns = owns;
    }

    /** Holds a poison record until {@link #flush()} finds its partition owned. */
    public void hold(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
        awaitingOwner.add(record);
        reasons.put(record, reason);
    }

    /** Remembers a dead letter read back from the topic, so its source is never written again. */
    public void readBack(ConsumerRecord<String, String> letter) {
        Header source = letter.headers().lastHeader(Topics.DEAD_LETTER_SOURCE_HEADER);
        if (source != null) {
            written.add(new String(source.value(), StandardCharsets.UTF_8));
        }
    }

    /** Dead-letters held poison records of owned partitions that no replica dead-lettered before. */
    public void flush() {
        awaitingOwner.removeIf(record -> {
            if (!owns.test(record.partition())) {
                return false;
            }
            String source = record.topic() + "/" + record.partition() + "/" + record.offset();
            String reason = reasons.remove(record);
            if (written.add(source)) {
                ProducerRecord<String, String> letter = new ProducerRecord<>(topic, record.key(), record.value());
                letter.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
                letter.headers().add(Topics.DEAD_LETTER_SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
                producer.send(letter);
            }
            return true;
        });
    }
}
