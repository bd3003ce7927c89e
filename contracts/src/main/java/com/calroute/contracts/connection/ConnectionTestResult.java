package com.calroute.contracts.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * The outcome of a live connection check: the failing {@code step} (or {@code OK}), a stable {@code code} from
 * {@link DiagnosisCodes} with its {@code params} (never null) for clients that translate, the diagnosis in plain
 * English, and the Exchange server version seen (if any).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionTestResult(boolean ok, ConnectionTestStep step, String code, String message,
                                   Map<String, String> params, String serverVersion) {

    public ConnectionTestResult {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
