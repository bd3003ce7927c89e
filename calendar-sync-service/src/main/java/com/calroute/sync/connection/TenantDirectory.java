package com.calroute.sync.connection;

import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.ConsumerThread;
import com.calroute.contracts.tenants.ItemCodes;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.plan.CodeBook;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Every tenant's settings from the compacted {@code calroute.tenants.v1}, read in full by every replica (no consumer
 * group: each needs all tenants). Listeners hear of each change, so a new {@code connectionVersion} reaches the
 * connection cache within a poll — well inside the 30 s the product promises. A value the {@link Intake} refuses is
 * dead-lettered and skipped, so the tenant keeps its last good settings.
 */
public class TenantDirectory implements AutoCloseable {

    /** Each tenant's code book, built once per tenants.v1 value (dropped when a new value arrives). */
    private final Map<String, CodeBook> codeBooks = new ConcurrentHashMap<>();

    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);
    /** The time zone of tenants whose settings have not arrived yet (the product's default). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    private final Map<String, TenantMessage> tenants = new ConcurrentHashMap<>();
    private final List<BiConsumer<TenantMessage, TenantMessage>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper mapper;
    private final Intake intake;
    private final ConsumerThread thread;

    public TenantDirectory(Map<String, Object> kafka, ObjectMapper mapper, Intake intake) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "calendar-sync-tenants");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        this.mapper = mapper;
        this.intake = intake;
        this.thread = new ConsumerThread("tenants-v1-reader", consumer, this::run);
    }

    /** Starts reading from the beginning of the topic. */
    public void start() {
        thread.start();
    }

    /** Registers a listener called with (previous or null, current or null) on every change. */
    public void onChange(BiConsumer<TenantMessage, TenantMessage> listener) {
        listeners.add(listener);
    }

    /** True once the topic has been read up to where it ended at start. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once the topic has been read up to where it ended at start. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** The tenant's settings, if known. */
    public Optional<TenantMessage> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Whether the tenant shares subjects (false when unknown: privacy first). */
    public boolean sharesSubjects(String tenantId) {
        TenantMessage tenant = tenants.get(tenantId);
        return tenant != null && tenant.subjectSharing();
    }

    /** The tenant's subject codes and categories to look for in items ({@link CodeBook#NONE} when unknown or none). */
    public CodeBook codeBook(String tenantId) {
        return codeBooks.computeIfAbsent(tenantId, id -> codeBookOf(tenants.get(id)));
    }

    private static CodeBook codeBookOf(TenantMessage tenant) {
        ItemCodes codes = tenant == null ? null : tenant.itemCodes();
        if (codes == null || codes.isEmpty()) {
            return CodeBook.NONE;
        }
        return new CodeBook(codes.codes().stream().map(ItemCodes.SubjectCode::code).toList(),
                codes.categories().stream().map(ItemCodes.CategoryRule::name).toList());
    }

    /** The tenant's time zone for all-day items without their own. */
    public ZoneId zone(String tenantId) {
        TenantMessage tenant = tenants.get(tenantId);
        if (tenant == null || tenant.timeZone() == null) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(tenant.timeZone());
        } catch (RuntimeException e) {
            return DEFAULT_ZONE;
        }
    }

    /** The newest connection version announced for the tenant, or -1. */
    public long connectionVersion(String tenantId) {
        TenantMessage tenant = tenants.get(tenantId);
        return tenant == null ? -1 : tenant.connectionVersion();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TENANTS, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (thread.running()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } catch (RuntimeException e) {
            LOG.errorf("reading %s stopped: %s", Topics.TENANTS, e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null || !intake.accepts(record)) {
            return;
        }
        TenantMessage current = null;
        if (record.value() != null) {
            try {
                current = mapper.readValue(record.value(), TenantMessage.class);
            } catch (Exception e) {
                LOG.warnf("unreadable %s value for tenant %s skipped", Topics.TENANTS, record.key());
                return;
            }
        }
        TenantMessage previous = current == null ? tenants.remove(record.key()) : tenants.get(record.key());
        if (current == null) {
            codeBooks.remove(record.key());
        }
        if (current != null) {
            if (previous != null && previous.version() > current.version()) {
                return;
            }
            tenants.put(record.key(), current);
            codeBooks.remove(record.key());
        }
        for (BiConsumer<TenantMessage, TenantMessage> listener : listeners) {
            try {
                listener.accept(previous, current);
            } catch (RuntimeException e) {
                LOG.warnf("tenant change listener failed for %s: %s", record.key(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
