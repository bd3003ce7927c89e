package com.calroute.config.exchange;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.rules.EmailAddresses;
import com.calroute.config.rules.Violations;
import com.calroute.contracts.connection.ConnectionTestRequest;
import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.DiagnosisCodes;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.TimeoutException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The live connection check: rate-limited per tenant, then delegated to calendar-sync-service (which can reach
 * Exchange) with the decrypted connection, through the {@link SyncServiceApi} REST Client (whose OIDC client filter
 * adds this service's client-credentials token). The result names the failing step in plain words.
 */
@ApplicationScoped
public class ConnectionTestService {

    private static final Logger LOG = Logger.getLogger(ConnectionTestService.class);
    /** How long getting the service token may take; the OIDC client itself bounds only connecting. */
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ConnectionService connections;

    @Inject
    ConnectionTestLimiter limiter;

    @Inject
    AuditLog audit;

    @Inject
    CalrouteConfig config;

    private SyncServiceApi syncService;

    // Built here rather than configured under quarkus.rest-client.*: the time-outs are the @ConfigMapping's ISO-8601
    // durations (CALROUTE_SYNC_SERVICE_CONNECT_TIMEOUT=PT5S), which quarkus.rest-client.*-timeout (milliseconds)
    // cannot take. The @OidcClientFilter applies to a built client just the same.
    @PostConstruct
    void init() {
        syncService = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.syncService().url()))
                .connectTimeout(config.syncService().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.syncService().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build(SyncServiceApi.class);
    }

    /**
     * Tests the saved connection, or the candidate in {@code request.connection} (validated like a save, never
     * stored, stored secrets used where the candidate leaves them empty).
     */
    public ConnectionTestResult test(Actor actor, String tenantId, ConnectionApi.TestConnection request) {
        String mailbox = null;
        if (request != null && request.mailbox() != null) {
            Violations violations = new Violations();
            mailbox = EmailAddresses.requireValid(violations, "mailbox", request.mailbox());
            violations.throwIfAny();
        }
        boolean candidate = request != null && request.connection() != null;
        ExchangeConnection tested = candidate ? connections.candidate(tenantId, request.connection()) : null;
        limiter.acquire(tenantId);
        ExchangeConnection connection = candidate ? tested : connections.decrypted(tenantId);
        ConnectionTestResult result = withPlainWords(call(new ConnectionTestRequest(connection, mailbox)));
        QuarkusTransaction.requiringNew().run(() -> audit.change(actor, "exchange.test", "tenant:" + tenantId,
                (candidate ? "candidate " : "saved ") + connection.kind() + ", step " + result.step() + ", code "
                        + result.code() + (result.serverVersion() == null ? "" : ", server " + result.serverVersion())));
        return result;
    }

    private ConnectionTestResult call(ConnectionTestRequest request) {
        ConnectionTestResult result;
        try {
            // Connecting and reading are bounded by the client's own time-outs, so only a token request that hangs
            // reaches this limit.
            result = syncService.testConnection(request).await().atMost(TOKEN_TIMEOUT
                    .plus(config.syncService().connectTimeout()).plus(config.syncService().readTimeout()));
        } catch (WebApplicationException e) {
            LOG.warnf("calendar-sync-service answered the connection check with HTTP %d", e.getResponse().getStatus());
            throw ApiException.unavailable("The connection check could not run: calendar-sync-service answered with an"
                    + " error. Try again in a minute; if it keeps failing, tell the operator.");
        } catch (RuntimeException e) {
            if (e instanceof TimeoutException || signInFailed(e)) {
                LOG.warnf("cannot get a service token for the connection check: %s", e.getClass().getSimpleName());
                throw ApiException.unavailable("The connection check could not start: config-service could not sign in"
                        + " to the Calroute identity provider. Try again in a minute; if it keeps failing, tell the"
                        + " operator.");
            }
            // Anything else failed the call itself: a ProcessingException, or (awaited from the Uni) a
            // CompletionException around the I/O error.
            LOG.warnf("calendar-sync-service is not reachable for the connection check: %s", rootCause(e));
            throw ApiException.unavailable("The connection check could not run: calendar-sync-service, which talks to"
                    + " Exchange, is not reachable right now. Try again in a minute.");
        }
        if (result == null || result.step() == null) {
            throw ApiException.unavailable("The connection check gave no answer. Try again in a minute.");
        }
        return result;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = e.getClass().getSimpleName();
        return root == e ? name : name + " (" + root.getClass().getSimpleName() + ")";
    }

    /** The OIDC client filter fails the call with the OIDC client's exception, possibly wrapped, when no token came. */
    private static boolean signInFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OidcClientException) {
                return true;
            }
        }
        return false;
    }

    /** Fills in a code and a plain-words message where the checker sent none (an older checker sends no code). */
    static ConnectionTestResult withPlainWords(ConnectionTestResult result) {
        boolean hasMessage = result.message() != null && !result.message().isBlank();
        if (hasMessage && result.code() != null) {
            return result;
        }
        return new ConnectionTestResult(result.ok(), result.step(),
                result.code() != null ? result.code() : DiagnosisCodes.ofStep(result.step()),
                hasMessage ? result.message() : plainWords(result.step()), result.params(), result.serverVersion());
    }

    static String plainWords(ConnectionTestStep step) {
        return switch (step) {
            case DNS -> "The server name in the URL could not be found (DNS). Check the URL for typos.";
            case CONNECT -> "The server could not be reached: nothing answered at that address and port, or a firewall blocks it.";
            case TLS -> "A secure (TLS) connection could not be made: the server's certificate is not trusted or does not"
                    + " match its name. For a private CA, add its certificate to the connection.";
            case AUTH -> "The server refused the user name or password (HTTP 401). Check the service account's credentials.";
            case IMPERSONATION -> "The service account may not act for the mailbox: it lacks the ApplicationImpersonation role.";
            case MAILBOX -> "The mailbox was not found. Check the e-mail address, and that the user has an Exchange mailbox.";
            case TOKEN -> "Microsoft Entra ID did not issue a token: check the tenant id, client id and the secret or certificate.";
            case PERMISSION -> "The application may not read calendars: assign it \"Application Calendars.Read\" with"
                    + " RBAC for Applications, scoped to the enrolled mailboxes, and test with one of them.";
            case OK -> "The connection works.";
        };
    }
}
