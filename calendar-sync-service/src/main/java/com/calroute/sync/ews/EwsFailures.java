package com.calroute.sync.ews;

import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever ews-java-api or the HTTP stack threw into a {@link Failure} in plain words. ews-java-api wraps
 * transport errors in several layers of its own exceptions, so the whole cause chain is inspected, most specific
 * first.
 */
public final class EwsFailures {

    private static final Pattern BACK_OFF = Pattern.compile("BackOffMilliseconds\\D{0,40}?(\\d+)");

    private EwsFailures() {
    }

    /** The failure behind {@code error} while acting for {@code mailbox} (may be null) with {@code username}. */
    public static Failure classify(Throwable error, String endpoint, String username, String mailbox) {
        Failure transport = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ServiceResponseException response) {
                return fromResponse(response, mailbox);
            }
            if (cause instanceof UnsafeXmlException) {
                return PlainWords.unsafeResponse();
            }
            if (cause instanceof BlockedAddressException blocked) {
                return PlainWords.blockedAddress(endpoint, blocked.address());
            }
            if (transport == null) {
                transport = fromTransport(cause, endpoint, username);
            }
        }
        if (transport != null) {
            return transport;
        }
        String text = messages(error);
        if (text.contains("401") || text.toLowerCase().contains("unauthorized")) {
            return PlainWords.badCredentials(username);
        }
        if (text.contains("XMLStream") || text.contains("ParseError") || text.contains("Unexpected end of file")
                || text.toLowerCase().contains("xml")) {
            return PlainWords.malformedResponse();
        }
        return PlainWords.unexpected(error.getClass().getSimpleName());
    }

    private static Failure fromTransport(Throwable cause, String endpoint, String username) {
        if (cause instanceof HttpErrorException http) {
            int code = http.getHttpErrorCode();
            if (code == 401 || code == 403) {
                return PlainWords.badCredentials(username);
            }
            if (code == 503 || code == 502 || code == 504 || code == 429) {
                return PlainWords.unavailable(code);
            }
            return PlainWords.unexpected("HTTP " + code);
        }
        if (cause instanceof UnknownHostException) {
            return PlainWords.unknownHost(hostOf(endpoint));
        }
        if (cause instanceof SSLException || cause instanceof CertificateException) {
            return PlainWords.untrustedCertificate(endpoint, tlsReason(cause));
        }
        if (cause instanceof SocketTimeoutException || cause instanceof org.apache.http.conn.ConnectTimeoutException) {
            return PlainWords.timedOut();
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof org.apache.http.conn.HttpHostConnectException) {
            return PlainWords.cannotConnect(endpoint);
        }
        if (cause instanceof org.apache.http.NoHttpResponseException
                || cause instanceof java.net.SocketException) {
            return PlainWords.unavailable(503);
        }
        if (cause instanceof javax.xml.stream.XMLStreamException) {
            return PlainWords.malformedResponse();
        }
        return null;
    }

    private static Failure fromResponse(ServiceResponseException response, String mailbox) {
        String code = response.getErrorCode() == null ? "unknown" : response.getErrorCode().name();
        String who = mailbox == null ? "the mailbox" : mailbox;
        return switch (code) {
            case "ErrorServerBusy" -> PlainWords.serverBusy(backOff(response));
            case "ErrorImpersonateUserDenied", "ErrorImpersonationDenied", "ErrorImpersonationFailed",
                 "ErrorSubscriptionDelegateAccessNotSupported" -> PlainWords.impersonationDenied(who);
            case "ErrorNonExistentMailbox", "ErrorInvalidSmtpAddress" -> PlainWords.noSuchMailbox(who);
            case "ErrorAccessDenied" -> Failure.of(FailureKind.IMPERSONATION, "Exchange denied the service account"
                    + " access to the calendar of " + who + " — check the ApplicationImpersonation role");
            case "ErrorMailboxStoreUnavailable", "ErrorMailboxMoveInProgress", "ErrorInternalServerTransientError",
                 "ErrorConnectionFailed", "ErrorTimeoutExpired", "ErrorExceededConnectionCount" ->
                    Failure.of(FailureKind.UNAVAILABLE, "Exchange could not serve the mailbox right now (" + code
                            + ") — sync retries by itself");
            default -> PlainWords.unexpected(code);
        };
    }

    /** The {@code BackOffMilliseconds} Exchange sent with {@code ErrorServerBusy}, if any. */
    static Duration backOff(ServiceResponseException response) {
        Map<String, String> details = response.getResponse() == null ? null : response.getResponse().getErrorDetails();
        if (details != null) {
            String value = details.get("BackOffMilliseconds");
            if (value != null && value.trim().matches("\\d+")) {
                return Duration.ofMillis(Long.parseLong(value.trim()));
            }
        }
        Matcher matcher = BACK_OFF.matcher(String.valueOf(response.getMessage()));
        return matcher.find() ? Duration.ofMillis(Long.parseLong(matcher.group(1))) : null;
    }

    /** The back-off Exchange asked for if {@code error} is an {@code ErrorServerBusy}; null otherwise. */
    public static Duration serverBusyBackOff(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ServiceResponseException response && response.getErrorCode() != null
                    && "ErrorServerBusy".equals(response.getErrorCode().name())) {
                Duration backOff = backOff(response);
                return backOff == null ? Duration.ZERO : backOff;
            }
        }
        return null;
    }

    /** The Exchange error code of a failed response anywhere in the chain, or null. */
    public static String errorCode(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ServiceResponseException response && response.getErrorCode() != null) {
                return response.getErrorCode().name();
            }
        }
        return null;
    }

    private static String tlsReason(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
            return "issued by an authority that is not trusted";
        }
        if (message.contains("No subject alternative") || message.contains("doesn't match")
                || message.contains("does not match")) {
            return "issued for a different host name";
        }
        if (message.contains("expired") || message.contains("NotAfter")) {
            return "expired";
        }
        return "the TLS handshake failed";
    }

    private static String hostOf(String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        return colon > 0 ? endpoint.substring(0, colon) : String.valueOf(endpoint);
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            text.append(cause.getClass().getSimpleName()).append(':').append(cause.getMessage()).append(' ');
        }
        return text.toString();
    }
}
