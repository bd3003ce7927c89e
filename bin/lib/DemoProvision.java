import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provisions the demo tenant exactly as the customer's guide describes, through the public APIs only: the operator
 * creates the tenant, the tenant admin saves the Exchange settings and tests the connection, enrols the
 * employees, and each employee turns Outlook sync on and chooses status settings. Run by bin/calroute up with
 * the JDK's source launcher, so it needs nothing but a JDK.
 */
public final class DemoProvision {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TENANT = "acme";

    /** The demo company's subscriptions, as the operator knows them: its switchboard and a block of 100 mobiles. */
    private static final String ACME_NUMBERS = """
            {"ranges":[{"from":"+4722000000","to":"+4722000000"},{"from":"+4791000000","to":"+4791000099"}]}""";

    public static void main(String[] args) throws Exception {
        String configUrl = args[0];
        String issuer = args[1];
        String simulatorControl = args[2];
        String ewsUrl = args[3];

        String operator = token(issuer, "operator", "operator-password");
        step("operator creates tenant " + TENANT);
        expect(send("POST", configUrl + "/api/v1/tenants", operator, """
                {"id":"acme","name":"Acme AS","switchboardNumber":"+4722000000","timeZone":"Europe/Oslo","subjectSharing":false,
                 "numbers":%s}
                """.formatted(ACME_NUMBERS)), 201, 409);
        // Also when acme already existed (an earlier run, or data from before numbers belonged to tenants).
        step("operator assigns acme its numbers: switchboard +4722000000, mobiles +4791000000-+4791000099");
        expect(send("PUT", configUrl + "/api/v1/tenants/acme/numbers", operator, ACME_NUMBERS), 200);

        String admin = token(issuer, "admin@acme.example", "admin-password");
        step("tenant admin saves the Exchange connection (EWS, service account svc-calroute)");
        String certificate = send("GET", simulatorControl + "/certificate", null, null).body();
        expect(send("PUT", configUrl + "/api/v1/tenants/acme/exchange", admin, """
                {"kind":"EWS","username":"svc-calroute","password":"demo-password","ewsUrl":%s,"domain":"acme.example",
                 "exchangeVersion":"Exchange2013_SP1","caCertificatePem":%s}
                """.formatted(quote(ewsUrl), quote(certificate))), 200);

        step("tenant admin tests the connection");
        HttpResponse<String> test = send("POST", configUrl + "/api/v1/tenants/acme/exchange/test", admin,
                "{\"mailbox\":\"kari.nordmann@acme.example\"}");
        System.out.println("   " + test.body());
        if (!test.body().contains("\"ok\":true")) {
            throw new IllegalStateException("the connection test failed: " + test.body());
        }

        List<String[]> mailboxes = mailboxes(send("GET", simulatorControl + "/mailboxes", null, null).body());
        mailboxes.sort(java.util.Comparator.comparing((String[] mailbox) -> mailbox[0]));
        step("tenant admin enrols " + mailboxes.size() + " employees");
        int index = 0;
        for (String[] mailbox : mailboxes) {
            index++;
            String mobile = "+47910000%02d".formatted(index);
            expect(send("POST", configUrl + "/api/v1/tenants/acme/users", admin,
                    "{\"email\":%s,\"mobileNumber\":%s,\"displayName\":%s}"
                            .formatted(quote(mailbox[0]), quote(mobile), quote(mailbox[1]))), 201, 409);
            System.out.printf("   %-32s %s%n", mailbox[0], mobile);
        }

        step("employees turn Outlook sync on and choose their status settings");
        index = 0;
        for (String[] mailbox : mailboxes) {
            index++;
            String employee = token(issuer, mailbox[0], "employee-password");
            expect(send("PUT", configUrl + "/api/v1/me/calendar-sync", employee, "{\"enabled\":true}"), 200);
            expect(send("PUT", configUrl + "/api/v1/me/status-settings", employee, settings(index)), 200);
        }
        System.out.println("   done: " + mailboxes.size() + " employees syncing");
    }

    /** A realistic spread of choices: most send calls to voicemail in meetings, holidays go elsewhere. */
    private static String settings(int index) {
        String oof = index % 3 == 0 ? "{\"action\":\"SWITCHBOARD\"}" : "{\"action\":\"FORWARD\",\"target\":\"+4790000000\"}";
        String busy = index % 4 == 0 ? "{\"action\":\"BUSY\"}" : "{\"action\":\"VOICEMAIL\"}";
        return "{\"BUSY\":" + busy + ",\"OOF\":" + oof
                + ",\"TENTATIVE\":{\"action\":\"RING\"},\"WORKING_ELSEWHERE\":{\"action\":\"RING\"}}";
    }

    private static List<String[]> mailboxes(String json) {
        List<String[]> result = new ArrayList<>();
        Matcher object = Pattern.compile("\\{[^{}]*\\}").matcher(json);
        while (object.find()) {
            String smtp = field(object.group(), "smtp");
            if (smtp != null) {
                String name = field(object.group(), "displayName");
                result.add(new String[] {smtp, name == null ? smtp : name});
            }
        }
        return result;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void step(String what) {
        System.out.println(" - " + what);
    }

    private static void expect(HttpResponse<String> response, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        String hint = response.body().contains("linked-to-another-login")
                ? "\nThe databases on 127.0.0.1:5432 hold logins of a Keycloak from before the realm pinned its user ids;"
                        + " start afresh with: bin/calroute down; for db in calroute_config calroute_sync calroute_routing;"
                        + " do psql -h 127.0.0.1 -U postgres -c \"drop database if exists $db with (force)\"; done"
                : "";
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body() + hint);
    }

    private static String token(String issuer, String username, String password) throws Exception {
        String form = "grant_type=password&client_id=calroute-cli&scope=openid&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String token = field(response.body(), "access_token");
        if (token == null) {
            throw new IllegalStateException("Keycloak gave no token for " + username + ": " + response.statusCode());
        }
        return token;
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
