package com.calroute.sync.source;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;

import java.util.List;

/** Where a tenant's calendars are read from: on-premises Exchange through EWS, or Exchange Online through Graph. */
public interface CalendarSource {

    /** Reads {@code mailbox}'s calendar items in {@code window}; subjects only if the tenant shares them. */
    List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects)
            throws SourceFailure, InterruptedException;

    /** Tests the connection live, naming the failing step, optionally with one mailbox. */
    ConnectionTestResult test(ExchangeConnection connection, String mailbox);

    /** Lets go of what the source keeps for a tenant (clients, connections): the tenant is gone or changed. */
    void forget(String tenantId);
}
