package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The EWS simulator's control API as the e2e tests use it: the "Outlook user" and the "Exchange admin". */
public final class SimulatorControl {

    private final String base;

    public SimulatorControl(String base) {
        this.base = base;
    }

    public void reset() {
        ok(Api.post(base + "/reset", null, "{}"));
    }

    /**
     * Removes a mailbox and an account if they exist, leaving everyone else's in place: the e2e classes share one
     * simulator, so none of them may reset it under the others.
     */
    public void forget(String mailboxOrAccount) {
        int mailbox = Api.delete(base + "/mailboxes/" + Api.encode(mailboxOrAccount), null).status();
        int account = Api.delete(base + "/accounts/" + Api.encode(mailboxOrAccount), null).status();
        assertThat(mailbox).as("delete mailbox %s", mailboxOrAccount).isIn(200, 204, 404);
        assertThat(account).as("delete account %s", mailboxOrAccount).isIn(200, 204, 404);
    }

    public void account(String username, String password, String... impersonationGrants) {
        ok(Api.put(base + "/accounts/" + Api.encode(username), null, Map.of("password", password)));
        for (String mailbox : impersonationGrants) {
            ok(Api.put(base + "/accounts/" + Api.encode(username) + "/impersonation/" + Api.encode(mailbox), null, "{}"));
        }
    }

    public void mailbox(String smtp, String displayName) {
        ok(Api.put(base + "/mailboxes/" + Api.encode(smtp), null,
                Map.of("displayName", displayName, "timeZone", "Europe/Oslo")));
    }

    /** Creates a single appointment and returns its item id. */
    public String appointment(String smtp, Instant start, Instant end, String freeBusy) {
        Api.Response created = Api.post(base + "/mailboxes/" + Api.encode(smtp) + "/appointments", null, Map.of(
                "subject", "e2e meeting", "start", start.toString(), "end", end.toString(), "freeBusy", freeBusy));
        assertThat(created.status()).as("create appointment: %s", created.body()).isEqualTo(201);
        return created.text("itemId");
    }

    /** Sets a mailbox's automatic replies, as Outlook's "Automatic replies" would. */
    public void automaticReplies(String smtp, Map<String, Object> settings) {
        ok(Api.put(base + "/mailboxes/" + Api.encode(smtp) + "/automatic-replies", null, settings));
    }

    /** Sets a mailbox's working hours: {@code timeZone} and {@code periods} of days with start and end minutes. */
    public void workingHours(String smtp, Map<String, Object> hours) {
        ok(Api.put(base + "/mailboxes/" + Api.encode(smtp) + "/working-hours", null, hours));
    }

    public void update(String smtp, String itemId, Map<String, Object> changes) {
        ok(Api.patch(base + "/mailboxes/" + Api.encode(smtp) + "/appointments/" + Api.encode(itemId), null, changes));
    }

    /** EWS requests the simulator recorded for a mailbox (impersonated or anchored there). */
    public int requestsFor(String smtp) {
        JsonNode requests = Api.get(base + "/requests?mailbox=" + Api.encode(smtp), null).body();
        return requests.size();
    }

    public String certificatePem() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/certificate")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch the simulator's certificate", e);
        }
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as("simulator control: %s", response.body()).isBetween(200, 204);
    }
}
