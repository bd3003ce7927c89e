package com.calroute.contracts.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The outcome of a live connection check, in plain words, with the Exchange server version seen (if any). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionTestResult(boolean ok, ConnectionTestStep step, String message, String serverVersion) {
}
