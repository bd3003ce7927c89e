package com.calroute.sync.source;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.AbsenceSettings;
import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;

import java.util.List;

/** Where a tenant's calendars are read from: on-premises Exchange through EWS, or Exchange Online through Graph. */
public interface CalendarSource {

    /** Reads {@code mailbox}'s calendar items in {@code window}; subjects only if the tenant shares them. */
    List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects)
            throws SourceFailure, InterruptedException;

    /**
     * Reads {@code mailbox}'s calendar items in {@code window}, each with what it matched of the tenant's subject codes
     * and categories; subjects only if the tenant shares them. A source that knows no codes reads as without them.
     */
    default List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects,
                               CodeBook codes) throws SourceFailure, InterruptedException {
        return read(connection, mailbox, window, withSubjects);
    }

    /**
     * Reads {@code mailbox}'s automatic-reply state (never their text) and, when {@code withWorkingHours}, its working
     * hours (a source that gets them at no extra cost may always answer them). Neither EWS nor Graph notifies changes
     * of either, so they are polled.
     */
    AbsenceSettings absence(ExchangeConnection connection, String mailbox, boolean withWorkingHours)
            throws SourceFailure, InterruptedException;

    /** Tests the connection live, naming the failing step, optionally with one mailbox. */
    ConnectionTestResult test(ExchangeConnection connection, String mailbox);

    /** Lets go of what the source keeps for a tenant (clients, connections): the tenant is gone or changed. */
    void forget(String tenantId);
}
