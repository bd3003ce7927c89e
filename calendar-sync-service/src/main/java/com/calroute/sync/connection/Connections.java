package com.calroute.sync.connection;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;

/** Tenants' current Exchange connections, as the scheduler needs them. */
public interface Connections {

    /** The tenant's current connection; throws with plain words when there is none or it cannot be fetched. */
    ExchangeConnection get(String tenantId) throws ConnectionUnavailableException;

    /** The connection known now without asking anyone, or null. */
    ExchangeConnection cached(String tenantId);
}
