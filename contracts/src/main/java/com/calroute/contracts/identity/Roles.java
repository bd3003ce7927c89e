package com.calroute.contracts.identity;

/** The role names the suite's tokens carry (Keycloak realm roles), one definition for every service. */
public final class Roles {

    /** The platform operator: creates and deletes tenants, rotates keys, may look at any tenant. */
    public static final String OPERATOR = "operator";
    /** A customer's administrator, scoped to the token's tenant claim. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** An employee, scoped to the token's tenant and to the login their enrolment is bound to. */
    public static final String EMPLOYEE = "employee";
    /** Telecom call control: asks routing-service where a call goes. */
    public static final String CALL_CONTROL = "call-control";
    /** Suite-internal services (client-credentials tokens). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
