package com.calroute.config.audit;

/** Who did something, as the audit log records it: token subject, tenant claim and roles. */
public record Actor(String subject, String tenantId, String roles) {

    /** Someone without a valid token. */
    public static final Actor ANONYMOUS = new Actor("anonymous", null, "");
}
