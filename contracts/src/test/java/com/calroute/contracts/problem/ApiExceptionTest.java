package com.calroute.contracts.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one refusal of every service: its problem bodies are byte-for-byte what clients have always been sent. */
class ApiExceptionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachKindHasItsStatusTypeAndTitle() {
        assertKind(ApiException.invalid(List.of()), 400, ProblemTypes.VALIDATION, "Invalid request");
        assertKind(ApiException.malformed("d"), 400, ProblemTypes.MALFORMED, "Malformed request");
        assertKind(ApiException.notFound("d"), 404, ProblemTypes.NOT_FOUND, "Not found");
        assertKind(ApiException.notFoundForCaller("d"), 404, ProblemTypes.NOT_FOUND, "Not found");
        assertKind(ApiException.forbidden("d"), 403, ProblemTypes.FORBIDDEN, "Forbidden");
        assertKind(ApiException.conflict("d"), 409, ProblemTypes.CONFLICT, "Conflict");
        assertKind(ApiException.tooLarge("d"), 413, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large");
        assertKind(ApiException.unsupportedMediaType("d"), 415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type");
        assertKind(ApiException.rateLimited("d", 7), 429, ProblemTypes.RATE_LIMITED, "Too many requests");
        assertKind(ApiException.unavailable("d"), 503, ProblemTypes.UNAVAILABLE, "Service unavailable");
    }

    @Test
    void theDetailIsTheMessageAndTheInstanceIsTheServices() throws Exception {
        ApiException refused = new ApiException(409, ProblemTypes.LOGIN_NOT_LINKED, "Login not linked", "Sign in.");

        assertThat(refused.getMessage()).isEqualTo("Sign in.");
        assertThat(json.writeValueAsString(refused.problem(null))).isEqualTo(
                "{\"type\":\"urn:calroute:problem:login-not-linked\",\"title\":\"Login not linked\",\"status\":409,"
                        + "\"detail\":\"Sign in.\"}");
        assertThat(json.writeValueAsString(refused.problem("/api/v1/me"))).isEqualTo(
                "{\"type\":\"urn:calroute:problem:login-not-linked\",\"title\":\"Login not linked\",\"status\":409,"
                        + "\"detail\":\"Sign in.\",\"instance\":\"/api/v1/me\"}");
    }

    @Test
    void aBadRequestNamesItsFields() throws Exception {
        ApiException oneField = ApiException.invalid("enabled", FieldErrorCodes.REQUIRED, "is required");
        ApiException ownWords = ApiException.invalid("One or more fields are invalid.",
                List.of(new Problem.FieldError("max", FieldErrorCodes.TOO_LONG, "is too long", Map.of("max", "5"))));

        assertThat(json.writeValueAsString(oneField.problem(null))).isEqualTo(
                "{\"type\":\"urn:calroute:problem:validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"Some fields are missing or invalid: see errors.\",\"errors\":[{\"field\":"
                        + "\"enabled\",\"code\":\"required\",\"message\":\"is required\",\"params\":{}}]}");
        assertThat(ownWords.getMessage()).isEqualTo("One or more fields are invalid.");
        assertThat(ownWords.errors()).extracting(Problem.FieldError::params).containsExactly(Map.of("max", "5"));
    }

    @Test
    void a503AlwaysSaysWhenToComeBackAndOthersOnlyWhenTheyKnow() {
        assertThat(ApiException.unavailable("d").retryAfterSeconds(30)).hasValue(30);
        assertThat(ApiException.unavailable("d", DatabaseUnreachable.RETRY_AFTER_SECONDS).retryAfterSeconds(30))
                .hasValue(10);
        assertThat(new ApiException(503, ProblemTypes.UNAVAILABLE, "Starting", "d").retryAfterSeconds(5)).hasValue(5);
        assertThat(ApiException.rateLimited("d", 42).retryAfterSeconds(30)).hasValue(42);
        assertThat(ApiException.conflict("d").retryAfterSeconds(30)).isEmpty();
    }

    @Test
    void onlyRefusalsThatProtectOthersDataAreDeniedAccess() {
        assertThat(ApiException.forbidden("d").deniedAccess()).isTrue();
        assertThat(ApiException.forbidden(ProblemTypes.EMAIL_NOT_VERIFIED, "E-mail address not verified", "d")
                .deniedAccess()).isTrue();
        assertThat(ApiException.notFoundForCaller("d").deniedAccess()).isTrue();
        assertThat(ApiException.notFound("d").deniedAccess()).isFalse();
        assertThat(ApiException.invalid(List.of()).deniedAccess()).isFalse();
    }

    private static void assertKind(ApiException e, int status, String type, String title) {
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.title()).isEqualTo(title);
    }
}
