package com.calroute.ewssim.auth;

import com.calroute.ewssim.SimulatorSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP authentication as IIS does it for EWS: Basic per request, and NTLM as a connection-oriented handshake
 * (NEGOTIATE → 401 with CHALLENGE → AUTHENTICATE on the same TCP connection, which then stays authenticated,
 * so later requests on it carry no Authorization header). Connections are told apart by the client's address
 * and port.
 */
public final class HttpAuthenticator {
    private static final Duration HANDSHAKE_TTL = Duration.ofMinutes(2);
    private static final Duration CONNECTION_IDLE_TTL = Duration.ofMinutes(10);

    private final AccountRegistry accounts;
    private final SimulatorSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, AuthenticatedConnection> connections = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    private record PendingChallenge(byte[] challenge, Instant issued) {
    }

    private record AuthenticatedConnection(String accountKey, Instant lastSeen) {
    }

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

    public Result authenticate(String authorization, String connectionKey) {
        Instant now = clock.instant();
        if (calls.incrementAndGet() % 4096 == 0) {
            prune(now);
        }
        if (authorization == null || authorization.isBlank()) {
            AuthenticatedConnection known = connections.get(connectionKey);
            if (known != null && settings.ntlmEnabled() && known.lastSeen().plus(CONNECTION_IDLE_TTL).isAfter(now)) {
                ServiceAccount account = accounts.find(known.accountKey());
                if (account != null) {
                    connections.put(connectionKey, new AuthenticatedConnection(known.accountKey(), now));
                    return new Result(account, "NTLM", List.of());
                }
            }
            return denied();
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
        if ("Basic".equalsIgnoreCase(scheme) && settings.basicEnabled()) {
            return basic(credentials);
        }
        if (("NTLM".equalsIgnoreCase(scheme) || "Negotiate".equalsIgnoreCase(scheme)) && settings.ntlmEnabled()) {
            return ntlm(scheme, credentials, connectionKey, now);
        }
        return denied();
    }

    /** Drops handshakes and connection states that have gone stale, so a long-running simulator does not grow. */
    private void prune(Instant now) {
        challenges.values().removeIf(pending -> pending.issued().plus(HANDSHAKE_TTL).isBefore(now));
        connections.values().removeIf(known -> known.lastSeen().plus(CONNECTION_IDLE_TTL).isBefore(now));
    }

    /** Forgets a connection's NTLM state (after an injected 401, for example). */
    public void forget(String connectionKey) {
        connections.remove(connectionKey);
        challenges.remove(connectionKey);
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

    private Result ntlm(String scheme, String credentials, String connectionKey, Instant now) {
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
                challenges.put(connectionKey, new PendingChallenge(serverChallenge, now));
                String realm = settings.realm();
                String dnsDomain = realm.contains(".") ? realm.substring(realm.indexOf('.') + 1) : realm;
                String netbios = dnsDomain.split("\\.")[0].toUpperCase(java.util.Locale.ROOT);
                byte[] challenge = Ntlm.challenge(serverChallenge, netbios, dnsDomain, "EXCH01", realm, now);
                return new Result(null, scheme, List.of(scheme + " " + Base64.getEncoder().encodeToString(challenge)));
            }
            case 3 -> {
                PendingChallenge pending = challenges.remove(connectionKey);
                if (pending == null || pending.issued().plus(HANDSHAKE_TTL).isBefore(now)) {
                    return denied();
                }
                Ntlm.Authenticate message;
                try {
                    message = Ntlm.parseAuthenticate(token);
                } catch (IllegalArgumentException e) {
                    return denied();
                }
                ServiceAccount account = message.user().isEmpty() ? null : accounts.resolve(message.user(), message.domain());
                if (account == null || !Ntlm.verifyNtlmV2(message, account.password(), pending.challenge())) {
                    return denied();
                }
                connections.put(connectionKey, new AuthenticatedConnection(account.key(), now));
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
