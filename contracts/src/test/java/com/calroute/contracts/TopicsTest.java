package com.calroute.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void tablesAreCompactedAndDeadLettersAreLogs() {
        assertThat(Topics.declared(Topics.USERS).compacted()).isTrue();
        assertThat(Topics.declared(Topics.OVERRIDES).compacted()).isTrue();
        assertThat(Topics.declared(Topics.SYNC_DEAD_LETTERS).compacted()).isFalse();
        assertThat(Topics.declared(Topics.ROUTING_DEAD_LETTERS).compacted()).isFalse();
    }

    @Test
    void aTestsIsolatedCopyKeepsItsOriginalsPolicy() {
        assertThat(Topics.declared(Topics.ROUTING_DEAD_LETTERS + "-scenario7"))
                .isEqualTo(new Topics.Declared(Topics.ROUTING_DEAD_LETTERS + "-scenario7", false));
        assertThat(Topics.declared(Topics.STATUS + "-scenario7").compacted()).isTrue();
    }

    @Test
    void anUnknownTopicIsRefused() {
        assertThatThrownBy(() -> Topics.declared("orders.v1")).isInstanceOf(IllegalArgumentException.class);
    }
}
