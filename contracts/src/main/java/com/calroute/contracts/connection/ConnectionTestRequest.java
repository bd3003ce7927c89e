package com.calroute.contracts.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What config-service asks calendar-sync-service to check live: these settings, optionally against one mailbox. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionTestRequest(ExchangeConnection connection, String mailbox) {
}
