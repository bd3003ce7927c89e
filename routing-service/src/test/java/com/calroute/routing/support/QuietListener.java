package com.calroute.routing.support;

import com.calroute.routing.ingest.IngestLoop;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Set;

/** An ingest listener that hears nothing; tests and benchmarks override what they count or record. */
public abstract class QuietListener implements IngestLoop.Listener {

    @Override
    public void poison(ConsumerRecord<String, String> record, String reason) {
    }

    @Override
    public void deadLettered(ConsumerRecord<String, String> record) {
    }

    @Override
    public void compiled(Set<String> keys) {
    }

    @Override
    public void caughtUp() {
    }

    @Override
    public void afterBatch() {
    }
}
