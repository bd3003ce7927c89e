package com.calroute.ewssim.auth;

import java.util.Locale;

/**
 * Normalises the ways a Windows account name reaches Exchange: {@code DOMAIN\\user}, {@code user@domain}
 * (UPN) and bare {@code user}. Accounts are keyed by the lower-cased bare user name; the domain, when the
 * account was registered with one, must also match what the client sends (if the client sends one).
 */
public final class UserNames {
    private UserNames() {
    }

    /** A user name split into its user and (possibly empty) domain parts. */
    public record Parsed(String user, String domain) {
        public String key() {
            return user.toLowerCase(Locale.ROOT);
        }
    }

    public static Parsed parse(String raw) {
        String name = raw == null ? "" : raw.trim();
        int backslash = name.indexOf('\\');
        if (backslash >= 0) {
            return new Parsed(name.substring(backslash + 1), name.substring(0, backslash));
        }
        int at = name.lastIndexOf('@');
        if (at > 0) {
            return new Parsed(name.substring(0, at), name.substring(at + 1));
        }
        return new Parsed(name, "");
    }

    /**
     * Whether a domain the client sent matches the account's: equal ignoring case, or one is the NetBIOS name
     * (first label) of the other DNS name ("ACME" matches "acme.example"). An empty side matches anything.
     */
    public static boolean domainsMatch(String registered, String sent) {
        if (registered == null || registered.isEmpty() || sent == null || sent.isEmpty()) {
            return true;
        }
        String a = registered.toLowerCase(Locale.ROOT);
        String b = sent.toLowerCase(Locale.ROOT);
        return a.equals(b) || firstLabel(a).equals(b) || firstLabel(b).equals(a) || firstLabel(a).equals(firstLabel(b));
    }

    private static String firstLabel(String dnsName) {
        int dot = dnsName.indexOf('.');
        return dot < 0 ? dnsName : dnsName.substring(0, dot);
    }
}
