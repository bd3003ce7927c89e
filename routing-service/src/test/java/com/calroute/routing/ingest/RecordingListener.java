package com.calroute.routing.ingest;

import com.calroute.routing.support.QuietListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What an ingest listener heard of users' records, in order, and on which threads. */
final class RecordingListener extends QuietListener {

    final List<String> events = new ArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void applied(Update update, Set<String> changedKeys) {
        heard(update instanceof Update.UserChanged user ? "applied version " + user.version()
                : "applied " + update.getClass().getSimpleName());
    }

    @Override
    public void poison(ConsumerRecord<String, String> record, String reason) {
        heard("poison at " + record.offset() + ": " + reason);
    }

    @Override
    public void deadLettered(ConsumerRecord<String, String> record) {
        heard("dead-lettered " + record.offset());
    }

    private void heard(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}
