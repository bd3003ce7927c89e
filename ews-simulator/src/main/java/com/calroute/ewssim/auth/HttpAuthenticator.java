package com.calroute.ewssim.auth;

import com.calroute.ewssim.SimulatorSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * HTTP authentication as IIS does it for EWS: Basic per request, and NTLM as a connection-oriented handshake
 * (NEGOTIATE → 401 with CHALLENGE → AUTHENTICATE on the same TCP connection, which then stays authenticated,
 * so later requests on it carry no Authorization header). The NTLM state lives in the connection's
 * {@link ConnectionAuthentication}, never in a table keyed by address and port, which a new connection reusing an
 * ephemeral port would inherit.
 */
public final class HttpAuthenticator {
    private final AccountRegistry accounts;
    private final SimulatorSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** The outcome: an authenticated account, or a 401 to send with these WWW-Authenticate values. */
    public record Result(ServiceAccount account, String scheme, List<String> challenges) {
        public boolean authenticated() {
            return account != null;
        }
    }

    public HttpAuthenticator(AccountRegistry accounts, SimulatorSettings settings, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    /** The challenges Exchange offers on a 401, in its order. */
    public List<String> offeredChallenges() {
        List<String> offered = new ArrayList<>();
        if (settings.ntlmEnabled()) {
            offered.add("NTLM");
        }
        if (settings.basicEnabled()) {
            offered.add("Basic realm=\"" + settings.realm() + "\"");
        }
        return offered;
    }

    /** Authenticates one request arriving on the connection whose NTLM state is {@code connection}. */
    public Result authenticate(String authorization, ConnectionAuthentication connection) {
        if (authorization == null || authorization.isBlank()) {
            String accountKey = connection.accountKey();
            ServiceAccount account = accountKey == null || !settings.ntlmEnabled() ? null : accounts.find(accountKey);
            return account == null ? denied() : new Result(account, "NTLM", List.of());
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
        if ("Basic".equalsIgnoreCase(scheme) && settings.basicEnabled()) {
            return basic(credentials);
        }
        if (("NTLM".equalsIgnoreCase(scheme) || "Negotiate".equalsIgnoreCase(scheme)) && settings.ntlmEnabled()) {
            return ntlm(scheme, credentials, connection);
        }
        return denied();
    }

    private Result basic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return denied();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return denied();
        }
        ServiceAccount account = accounts.resolve(decoded.substring(0, colon), "");
        if (account == null || !passwordMatches(account.password(), decoded.substring(colon + 1))) {
            return denied();
        }
        return new Result(account, "Basic", List.of());
    }

    private Result ntlm(String scheme, String credentials, ConnectionAuthentication connection) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return denied();
        }
        switch (Ntlm.messageType(token)) {
            case 1 -> {
                byte[] serverChallenge = new byte[8];
                random.nextBytes(serverChallenge);
                connection.challengeIssued(serverChallenge);
                Instant now = clock.instant();
                String realm = settings.realm();
                String dnsDomain = realm.contains(".") ? realm.substring(realm.indexOf('.') + 1) : realm;
                String netbios = dnsDomain.split("\\.")[0].toUpperCase(java.util.Locale.ROOT);
                byte[] challenge = Ntlm.challenge(serverChallenge, netbios, dnsDomain, "EXCH01", realm, now);
                return new Result(null, scheme, List.of(scheme + " " + Base64.getEncoder().encodeToString(challenge)));
            }
            case 3 -> {
                byte[] serverChallenge = connection.takeChallenge();
                if (serverChallenge == null) {
                    return denied();
                }
                Ntlm.Authenticate message;
                try {
                    message = Ntlm.parseAuthenticate(token);
                } catch (IllegalArgumentException e) {
                    return denied();
                }
                ServiceAccount account = message.user().isEmpty() ? null : accounts.resolve(message.user(), message.domain());
                if (account == null || !Ntlm.verifyNtlmV2(message, account.password(), serverChallenge)) {
                    return denied();
                }
                connection.authenticated(account.key());
                return new Result(account, "NTLM", List.of());
            }
            default -> {
                return denied();
            }
        }
    }

    private Result denied() {
        return new Result(null, null, offeredChallenges());
    }

    private static boolean passwordMatches(String expected, String given) {
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
