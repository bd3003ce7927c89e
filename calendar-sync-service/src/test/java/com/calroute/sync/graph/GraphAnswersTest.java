package com.calroute.sync.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How the Graph client reads Retry-After and recognises an expired delta token, as Microsoft documents them. */
class GraphAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void retryAfterIsSecondsWithOrWithoutAFractionOrAnHttpDate() {
        assertThat(GraphClient.retryAfter("10", NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(GraphClient.retryAfter(" 2.128 ", NOW)).isEqualTo(Duration.ofMillis(2128));
        assertThat(GraphClient.retryAfter("0.0004", NOW)).isEqualTo(Duration.ofMillis(1));
        assertThat(GraphClient.retryAfter("Fri, 04 Dec 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(GraphClient.retryAfter("Fri, 04 Dec 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(GraphClient.retryAfter("-5", NOW)).isEqualTo(Duration.ZERO);
        assertThat(GraphClient.retryAfter("soon", NOW)).isNull();
    }

    @Test
    void anExpiredDeltaTokenIsA410OrA40xSayingSyncStateNotFoundOrResyncRequired() {
        assertThat(GraphCalendarReader.deltaTokenExpired(error(410, "syncStateNotFound"))).isTrue();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(410, null))).isTrue();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(400, "syncStateNotFound"))).isTrue();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(400, "resyncRequired"))).isTrue();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(400, "ErrorInvalidParameter"))).isFalse();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(403, "ErrorAccessDenied"))).isFalse();
        assertThat(GraphCalendarReader.deltaTokenExpired(error(503, "syncStateNotFound"))).isFalse();
    }

    @Test
    void onlyADeltaPageIsReadAsOne() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(GraphCalendarReader.deltaPage(json.readTree("{\"value\":[],\"@odata.deltaLink\":\"https://g/d\"}")))
                .isNotNull();
        assertThat(GraphCalendarReader.deltaPage(json.readTree("{\"value\":[{}],\"@odata.nextLink\":\"https://g/n\"}")))
                .isNotNull();
        for (String notAPage : new String[] {"{}", "[]", "\"ok\"", "{\"value\":[]}", "{\"value\":{},\"@odata.deltaLink\":\"x\"}",
                "{\"error\":{\"code\":\"x\"},\"@odata.deltaLink\":\"x\"}"}) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> GraphCalendarReader.deltaPage(json.readTree(notAPage)));
            assertThat(thrown).as(notAPage).isInstanceOf(GraphException.class);
            GraphException refused = (GraphException) thrown;
            assertThat(GraphFailures.mailbox(refused, "app", "kari@x.example", true).kind())
                    .isEqualTo(com.calroute.sync.plan.FailureKind.MALFORMED_RESPONSE);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> GraphCalendarReader.deltaPage(null)))
                .isInstanceOf(GraphException.class);
    }

    private static GraphException error(int status, String code) {
        return new GraphException(status, code, "answer " + status, null, null);
    }
}
