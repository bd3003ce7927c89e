package com.calroute.config.identity;

/** The role names tokens carry (Keycloak realm roles). */
public final class Roles {

    /** The platform operator: creates and deletes tenants, rotates keys. */
    public static final String OPERATOR = "operator";
    /** A customer's administrator, scoped to the token's tenant claim. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** An employee, scoped to the token's tenant and e-mail claims. */
    public static final String EMPLOYEE = "employee";
    /** Telecom call control; has no business with this service. */
    public static final String CALL_CONTROL = "call-control";
    /** Suite-internal services. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
