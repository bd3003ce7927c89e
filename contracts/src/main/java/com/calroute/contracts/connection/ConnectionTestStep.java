package com.calroute.contracts.connection;

/** The step of a live connection check that failed, or {@code OK}. TOKEN and PERMISSION are Graph's. */
public enum ConnectionTestStep {
    DNS, CONNECT, TLS, AUTH, IMPERSONATION, MAILBOX, TOKEN, PERMISSION, OK
}
