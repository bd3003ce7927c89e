package com.calroute.config.exchange;

import com.calroute.config.exchange.secrets.Keyring;
import com.calroute.config.exchange.secrets.SecretCipher;
import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.calroute.config.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The Exchange password at rest, on the wire and in logs: encrypted, write-only, never logged, and rotatable. */
@QuarkusTest
class SecretStorageTest {

    private static final String PASSWORD = "Pl41ntext-Must-Never-Leak-7d3e";
    private static final String OLD_KEY = "test-old:Rt9ttfhtsT65K9F6XV6MdPERymZsZkht3xrw/38eeSc=";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getLoggerName() + " " + record.getMessage() + " " + Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void passwordIsEncryptedAtRestAndNeverLeavesTheServiceExceptToTheInternalApi() throws Exception {
        String tenant = Api.createTenant("secret");
        Map<String, Object> connection = ExchangeConnectionResourceTest.ews("https://mail.acme.no/ews/exchange.asmx");
        connection.put("password", PASSWORD);
        String putAnswer = as(TestTokens.tenantAdmin(tenant)).body(connection)
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200).extract().asString();
        String getAnswer = as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).extract().asString();
        String tenantAnswer = as(TestTokens.operator()).get("/api/v1/tenants/" + tenant).then().extract().asString();
        assertThat(List.of(putAnswer, getAnswer, tenantAnswer)).noneMatch(body -> body.contains(PASSWORD));

        String sealed = sealedPassword(tenant).orElseThrow();
        assertThat(sealed).startsWith("test-new:").doesNotContain(PASSWORD);
        assertThat(rowText("select * from exchange_connection where tenant_id = ?", tenant)).doesNotContain(PASSWORD);
        assertThat(rowText("select * from audit_entry where target = ?", "tenant:" + tenant)).doesNotContain(PASSWORD);
        assertThat(rowText("select * from outbox_record where message_key = ?", tenant)).doesNotContain(PASSWORD);

        as(TestTokens.service()).get("/internal/v1/tenants/" + tenant + "/connection")
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"))
                .body("password", equalTo(PASSWORD)).body("kind", equalTo("EWS")).body("connectionVersion", equalTo(1));

        List<TopicReader.Message> tenantMessages = TopicReader.read(bootstrap, Topics.TENANTS, tenant::equals,
                list -> list.stream().anyMatch(m -> m.value() != null && m.value().contains("\"connectionVersion\":1")),
                Duration.ofSeconds(30), Duration.ofMillis(500));
        assertThat(tenantMessages).isNotEmpty().noneMatch(m -> m.value() != null && m.value().contains(PASSWORD));
        synchronized (logLines) {
            assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
        }
    }

    @Test
    void aSecretMovedToAnotherTenantDoesNotDecrypt() throws Exception {
        String owner = Api.createTenant("owner");
        String thief = Api.createTenant("thief");
        as(TestTokens.tenantAdmin(owner)).body(ExchangeConnectionResourceTest.ews("https://mail.acme.no/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + owner + "/exchange").then().statusCode(200);
        as(TestTokens.tenantAdmin(thief)).body(ExchangeConnectionResourceTest.ews("https://mail.thief.no/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + thief + "/exchange").then().statusCode(200);
        update("update exchange_connection set password_sealed = ? where tenant_id = ?", sealedPassword(owner).orElseThrow(), thief);
        as(TestTokens.service()).get("/internal/v1/tenants/" + thief + "/connection").then().statusCode(500)
                .body("title", equalTo("Stored secret unreadable"))
                .body(not(containsString("S3cret-Passw0rd!")));
    }

    @Test
    void reEncryptionMovesSecretsToTheActiveKeyAndTheySurvive() throws Exception {
        String tenant = Api.createTenant("rotate");
        as(TestTokens.tenantAdmin(tenant)).body(ExchangeConnectionResourceTest.graph())
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200);
        // As if saved before the rotation: the same secret sealed under the old key, as the old configuration did.
        SecretCipher oldCipher = new SecretCipher(Keyring.parse(List.of(OLD_KEY), Optional.empty()));
        update("update exchange_connection set client_secret_sealed = ? where tenant_id = ?",
                oldCipher.seal("graph-client-secret-value", "calroute/" + tenant + "/clientSecret"), tenant);
        assertThat(sealed(tenant, "client_secret_sealed")).startsWith("test-old:");
        as(TestTokens.service()).get("/internal/v1/tenants/" + tenant + "/connection")
                .then().statusCode(200).body("clientSecret", equalTo("graph-client-secret-value"));

        as(TestTokens.operator()).post("/api/v1/admin/secrets/re-encrypt")
                .then().statusCode(200)
                .body("unreadable", equalTo(0));
        assertThat(sealed(tenant, "client_secret_sealed")).startsWith("test-new:");
        as(TestTokens.service()).get("/internal/v1/tenants/" + tenant + "/connection")
                .then().statusCode(200).body("clientSecret", equalTo("graph-client-secret-value"));
        as(TestTokens.operator()).post("/api/v1/admin/secrets/re-encrypt")
                .then().statusCode(200).body("reEncrypted", equalTo(0));
    }

    private Optional<String> sealedPassword(String tenant) throws SQLException {
        return Optional.ofNullable(sealed(tenant, "password_sealed"));
    }

    private String sealed(String tenant, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + column + " from exchange_connection where tenant_id = ?")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private String rowText(String sql, String parameter) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        text.append(rows.getString(i)).append('|');
                    }
                }
            }
        }
        return text.toString();
    }

    private void update(String sql, String value, String tenant) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, value);
            update.setString(2, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
