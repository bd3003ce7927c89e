package com.calroute.contracts.problem;

/**
 * The stable {@code code} of a {@link Problem.FieldError}, one list for every Calroute API, so a client can translate
 * a refusal without parsing its English {@code message}. Each line names the {@code params} the code carries. Codes
 * are kebab-case and never change meaning within v1; new ones may be added.
 */
public final class FieldErrorCodes {

    /** The field is missing or blank. */
    public static final String REQUIRED = "required";
    /** The body has a field the endpoint does not know. */
    public static final String UNKNOWN_FIELD = "unknown-field";
    /** The value has the wrong JSON type (e.g. a number where text is expected). */
    public static final String WRONG_TYPE = "wrong-type";
    /** The text is longer than allowed; params {@code max} (characters). */
    public static final String TOO_LONG = "too-long";
    /** The text holds control characters. */
    public static final String CONTROL_CHARACTERS = "control-characters";
    /** A secret field was sent empty; leave it out to keep (or, in a test, use) the stored one. */
    public static final String EMPTY = "empty";
    /** Not an e-mail address Calroute accepts (e.g. {@code kari@acme.no}). */
    public static final String INVALID_EMAIL = "invalid-email";
    /**
     * Not a phone number: neither E.164 nor a national number of the tenant's country; params {@code country} (ISO
     * 3166-1 alpha-2) where the field accepts national input.
     */
    public static final String INVALID_PHONE_NUMBER = "invalid-phone-number";
    /** The number is not one of the tenant's numbers (the same whether another tenant holds it or nobody does). */
    public static final String PHONE_NOT_IN_TENANT_NUMBERS = "phone-not-in-tenant-numbers";
    /** The value is not one of a fixed set; params {@code allowed} (comma-separated). */
    public static final String NOT_ALLOWED_VALUE = "not-allowed-value";
    /**
     * The field does not belong in this request as sent (e.g. a target for an action other than FORWARD, FREE in
     * status settings); params {@code kind} when it belongs to the other kind of Exchange connection.
     */
    public static final String NOT_APPLICABLE = "not-applicable";
    /** Two fields exclude each other; params {@code other} (the other field). */
    public static final String CONFLICTING_FIELDS = "conflicting-fields";
    /** A bulk row's e-mail (field {@code email}) or mobile number ({@code mobileNumber}) is already enrolled. */
    public static final String DUPLICATE = "duplicate";
    /** Not a tenant id: 2-63 lower-case letters, digits or '-', starting with a letter or digit. */
    public static final String INVALID_TENANT_ID = "invalid-tenant-id";
    /** Not an IANA time zone such as {@code Europe/Oslo}. */
    public static final String INVALID_TIME_ZONE = "invalid-time-zone";
    /** Not an upper-case ISO 3166-1 alpha-2 country code such as {@code NO}. */
    public static final String INVALID_COUNTRY = "invalid-country";
    /** A number out of range; params {@code min} and/or {@code max}. */
    public static final String OUT_OF_RANGE = "out-of-range";
    /** Not a whole number. */
    public static final String NOT_A_NUMBER = "not-a-number";
    /** Not an ISO-8601 instant such as {@code 2026-12-01T09:00:00Z}. */
    public static final String INVALID_INSTANT = "invalid-instant";
    /** The time lies in the past. */
    public static final String IN_THE_PAST = "in-the-past";
    /** The time lies further ahead than allowed; params {@code maxDays}. */
    public static final String TOO_FAR_AHEAD = "too-far-ahead";
    /** The end of a range is not after its start; params {@code from}. */
    public static final String NOT_AFTER_START = "not-after-start";
    /** The range is longer than allowed; params {@code maxDays}. */
    public static final String RANGE_TOO_LONG = "range-too-long";
    /** A list holds too many entries; params {@code max}. */
    public static final String TOO_MANY = "too-many";
    /** The end of a number range has another digit count than its start; params {@code from}. */
    public static final String RANGE_DIGITS_DIFFER = "range-digits-differ";
    /** A number range overlaps another range of the same list; params {@code other}. */
    public static final String RANGE_OVERLAP = "range-overlap";
    /** Not a URL Calroute may connect to (syntax, https, private or blocked address); the message says which. */
    public static final String INVALID_URL = "invalid-url";
    /** Not a domain name such as {@code acme.no} or {@code ACME}. */
    public static final String INVALID_DOMAIN = "invalid-domain";
    /** Not a GUID (Entra client id) or, for {@code entraTenantId}, neither a GUID nor a domain. */
    public static final String INVALID_GUID = "invalid-guid";
    /** Not PEM as required (certificates, a certificate with its private key). */
    public static final String INVALID_CERTIFICATE = "invalid-certificate";
    /** A secret was left out (or empty in a connection test) and none of this kind is stored. */
    public static final String NO_STORED_SECRET = "no-stored-secret";
    /** The forward target is the user's own number. */
    public static final String FORWARD_OWN_NUMBER = "forward-own-number";
    /** The forward target is abroad and the tenant does not allow forwarding abroad. */
    public static final String FORWARD_ABROAD = "forward-abroad";
    /** The forward target is a premium-rate number. */
    public static final String FORWARD_PREMIUM_RATE = "forward-premium-rate";
    /** The forward target is a shared-cost number. */
    public static final String FORWARD_SHARED_COST = "forward-shared-cost";
    /** The forward target is a satellite number. */
    public static final String FORWARD_SATELLITE = "forward-satellite";
    /** The forward target is a freephone service number. */
    public static final String FORWARD_FREEPHONE = "forward-freephone";
    /** The forward target is not an ordinary mobile or landline number. */
    public static final String FORWARD_NOT_ORDINARY = "forward-not-ordinary";
    /** A CSV header does not name the expected columns; params {@code found} when a column is unknown. */
    public static final String INVALID_CSV_HEADER = "invalid-csv-header";
    /**
     * A bulk row cannot be read as a user (wrong column count, broken quotes, not a JSON object, unknown or non-text
     * JSON fields); field {@code row}, the message says what.
     */
    public static final String INVALID_ROW = "invalid-row";
    /** The CSV holds no header line. */
    public static final String EMPTY_CSV = "empty-csv";
    /** Not a subject code: letters and digits only (no blanks, {@code :} or {@code ;}), such as {@code MØT}. */
    public static final String INVALID_SUBJECT_CODE = "invalid-subject-code";

    private FieldErrorCodes() {
    }
}
