package com.calroute.ewssim.faults;

/** The misbehaviours the fault API can inject. */
public enum FaultKind {
    /** Delay the response by latencyMs (the request is processed normally afterwards). */
    LATENCY,
    /** Answer 503 Service Unavailable, as IIS does when the app pool is down. */
    HTTP_503,
    /** Answer 401 with the usual challenges even though the credentials are right (e.g. a changed password). */
    HTTP_401,
    /** Answer the ErrorServerBusy SOAP fault with BackOffMilliseconds = backOffMs. */
    SERVER_BUSY,
    /** Cut GetStreamingEvents connections abruptly (no ConnectionStatus Closed, no terminating chunk). */
    DROP_STREAMING,
    /** Answer 200 text/xml with a truncated, malformed document. */
    MALFORMED_XML,
    /** Answer 200 text/xml whose document carries a DOCTYPE with an external entity (XXE probe). */
    XXE,
    /** Graph: answer 429 TooManyRequests with Retry-After = backOffMs rounded up to seconds (default 1 s). */
    GRAPH_429,
    /** Graph: answer 503 ServiceUnavailable with Retry-After = backOffMs rounded up to seconds (default 1 s). */
    GRAPH_503,
    /** Graph: answer 200 application/json whose document is cut off mid-way (a broken or hostile proxy). */
    GRAPH_MALFORMED,
    /** Graph: send no change notifications for the matching subscriptions (the receiver is unreachable from Graph). */
    GRAPH_LOSE_NOTIFICATIONS
}
