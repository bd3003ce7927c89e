package com.calroute.routing.publish;

import com.calroute.contracts.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which keys this replica publishes for: membership of the consumer group {@code calroute-routing} on
 * {@code calroute.users.v1}, whose partitions are assigned to exactly one member at a time. The partition of a
 * key is the same on every user-keyed topic (same partition count, same key), so owning users partition p
 * means publishing status for every key of partition p. The member reads nothing: its partitions are paused as
 * soon as they are assigned, and it polls only to stay in the group. A plain consumer is used because a
 * SmallRye channel would consume the records this member must not read.
 *
 * <p>A newly assigned partition is not owned yet: the hand-over callback first lets the replica read the
 * status topic up to its end offset at this moment, so versions resume from the previous owner's last event.
 */
public final class Ownership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Ownership.class);

    /** What the replica does when partitions arrive or leave; called on the membership thread. */
    public interface HandOver {

        /** Partitions assigned, with the status topic's end offset per partition at this moment. */
        void assigned(Map<Integer, Long> statusEndOffsets);

        /** Partitions taken away (revoked or lost). */
        void revoked(Collection<Integer> partitions);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String usersTopic;
    private final String statusTopic;
    private final HandOver handOver;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final ConsumerThread thread;

    /** Membership in {@code groupId}, with a short session so a dead replica's keys move on quickly. */
    public Ownership(Map<String, Object> kafka, String groupId, String clientId, Duration sessionTimeout,
                     String usersTopic, String statusTopic, HandOver handOver) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put("group.id", groupId);
        props.put("client.id", clientId);
        props.put("enable.auto.commit", "false");
        props.put("session.timeout.ms", Long.toString(sessionTimeout.toMillis()));
        props.put("heartbeat.interval.ms", Long.toString(Math.max(100, sessionTimeout.toMillis() / 4)));
        props.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.usersTopic = usersTopic;
        this.statusTopic = statusTopic;
        this.handOver = handOver;
        this.thread = new ConsumerThread(clientId, consumer, this::run);
    }

    /** Joins the group. */
    public void start() {
        consumer.subscribe(List.of(usersTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (partitions.isEmpty()) {
                    return;
                }
                consumer.pause(partitions);
                List<TopicPartition> status = partitions.stream()
                        .map(p -> new TopicPartition(statusTopic, p.partition())).toList();
                Map<TopicPartition, Long> ends = consumer.endOffsets(status, Duration.ofSeconds(30));
                Map<Integer, Long> byPartition = new java.util.HashMap<>();
                ends.forEach((tp, end) -> byPartition.put(tp.partition(), end));
                partitions.forEach(p -> owned.add(p.partition()));
                LOG.infof("assigned partitions %s", byPartition.keySet());
                handOver.assigned(byPartition);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (partitions.isEmpty()) {
                    return;
                }
                List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
                owned.removeAll(numbers);
                LOG.infof("revoked partitions %s", numbers);
                handOver.revoked(numbers);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
        thread.start();
    }

    /** The users-topic partitions this member is assigned (publishing waits for the hand-over on top). */
    public Set<Integer> assigned() {
        return Set.copyOf(owned);
    }

    private void run() {
        try {
            while (thread.running()) {
                // Paused partitions return nothing; polling keeps the membership and runs the rebalance callbacks.
                consumer.poll(Duration.ofMillis(200));
            }
        } catch (WakeupException e) {
            if (thread.running()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("group membership stopped by an unexpected fault; this replica publishes nothing", e);
            handOver.revoked(Set.copyOf(owned));
            owned.clear();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
