package com.calroute.contracts.problem;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "PostgreSQL cannot be reached" (a 503) and which are the request's or our fault. */
class DatabaseUnreachableTest {

    @Test
    void connectionFailuresAnywhereInTheChainCount() {
        assertThat(DatabaseUnreachable.in(new IllegalStateException("commit failed",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException())))).isTrue();
        assertThat(DatabaseUnreachable.in(new RuntimeException(new SQLException("This connection has been closed.",
                "08003")))).isTrue();
        assertThat(DatabaseUnreachable.in(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseUnreachable.in(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnreachable.in(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
    }

    @Test
    void thePoolsAcquisitionTimeoutCounts() {
        assertThat(DatabaseUnreachable.in(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void aChainedNextExceptionCounts() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08006");
        SQLException outer = new SQLException("batch failed");
        outer.setNextException(batch);
        assertThat(DatabaseUnreachable.in(outer)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAndBugsDoNot() {
        assertThat(DatabaseUnreachable.in(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnreachable.in(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnreachable.in(new SQLException("statement timeout", "57014"))).isFalse();
        assertThat(DatabaseUnreachable.in(new NullPointerException())).isFalse();
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(DatabaseUnreachable.in(first)).isFalse();
    }

    @Test
    void theLoggedCauseIsTheRootsClassAndMessage() {
        assertThat(DatabaseUnreachable.rootCause(new IllegalStateException("commit failed",
                new SQLException("refused", "08001", new ConnectException("Connection refused")))))
                .isEqualTo("ConnectException: Connection refused");
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(DatabaseUnreachable.rootCause(first)).isEqualTo("RuntimeException: second");
    }
}
