package com.calroute.sync.contract;

import com.calroute.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gate every consumed value passes before it is applied: a value the {@link ContractCheck} refuses is logged
 * (key and reason, never the value) and written to {@value #TOPIC} with the same headers routing uses, and the
 * consumer keeps the key's last good state. Tombstones are the contract's deletions and always pass.
 */
public final class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);
    /** calendar-sync's dead-letter topic. */
    public static final String TOPIC = Topics.SYNC_DEAD_LETTERS;

    private final ContractCheck check;
    private final Producer<String, String> producer;
    // Partitions are re-read from the beginning on every assignment and ledger load; write each source once per
    // process, not once per read.
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    /** A gate checking with {@code check} and dead-lettering through {@code producer}. */
    public Intake(ContractCheck check, Producer<String, String> producer) {
        this.check = check;
        this.producer = producer;
    }

    /** True if the record may be applied; otherwise it has been dead-lettered and must be skipped. */
    public boolean accepts(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return true;
        }
        String reason = check.violation(record.topic(), record.key(), record.value()).orElse(null);
        if (reason == null) {
            return true;
        }
        String source = record.topic() + "/" + record.partition() + "/" + record.offset();
        if (written.add(source)) {
            LOG.warnf("%s value for key %s at %s refused, last good state kept: %s", record.topic(), record.key(),
                    source, reason);
            ProducerRecord<String, String> letter = new ProducerRecord<>(TOPIC, record.key(), record.value());
            letter.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            letter.headers().add(Topics.DEAD_LETTER_SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
            producer.send(letter, (metadata, e) -> {
                if (e != null) {
                    written.remove(source);
                    LOG.warnf("cannot dead-letter %s: %s", source, e.getMessage());
                }
            });
        }
        return false;
    }
}
