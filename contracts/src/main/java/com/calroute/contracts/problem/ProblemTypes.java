package com.calroute.contracts.problem;

/** The stable {@code type} URNs of Calroute problem bodies; a client may switch on them. */
public final class ProblemTypes {

    /** 400: a field is missing or invalid; {@code errors} names it. */
    public static final String VALIDATION = "urn:calroute:problem:validation";
    /** 400: the body is not JSON or not the expected shape. */
    public static final String MALFORMED = "urn:calroute:problem:malformed-request";
    /** 401: no or an invalid bearer token. */
    public static final String UNAUTHENTICATED = "urn:calroute:problem:unauthenticated";
    /** 403: the caller's role does not allow this. */
    public static final String FORBIDDEN = "urn:calroute:problem:forbidden";
    /** 403: the token's e-mail is not verified, so its login cannot be linked to an enrolment. */
    public static final String EMAIL_NOT_VERIFIED = "urn:calroute:problem:email-not-verified";
    /** 403: the enrolment with the token's e-mail is linked to another login; an admin may release it. */
    public static final String LINKED_TO_ANOTHER_LOGIN = "urn:calroute:problem:linked-to-another-login";
    /** 409: no enrolment is linked to the token's login yet (it is linked at the first sign-in to the settings). */
    public static final String LOGIN_NOT_LINKED = "urn:calroute:problem:login-not-linked";
    /** 404: no such object visible to the caller (also for other tenants' objects). */
    public static final String NOT_FOUND = "urn:calroute:problem:not-found";
    /** 409: conflicts with existing state (duplicate e-mail, mobile number in use, not enrolled...). */
    public static final String CONFLICT = "urn:calroute:problem:conflict";
    /** 400: a number is not one of the tenant's numbers (the same answer whether another tenant holds it or nobody). */
    public static final String NUMBER_NOT_OWNED = "urn:calroute:problem:number-not-owned";
    /** 409: the tenant id belonged to a deleted tenant; tenant ids are never given out again. */
    public static final String TENANT_ID_RETIRED = "urn:calroute:problem:tenant-id-retired";
    /** 413: the payload is larger than the limit. */
    public static final String PAYLOAD_TOO_LARGE = "urn:calroute:problem:payload-too-large";
    /** 415: unsupported content type. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "urn:calroute:problem:unsupported-media-type";
    /** 429: a rate limit was hit; retry later. */
    public static final String RATE_LIMITED = "urn:calroute:problem:rate-limited";
    /** 503: a dependency is unavailable; retry later. */
    public static final String UNAVAILABLE = "urn:calroute:problem:unavailable";
    /** 500: an unexpected fault; details are in the service log under the given instance id. */
    public static final String INTERNAL = "urn:calroute:problem:internal";

    private ProblemTypes() {
    }
}
