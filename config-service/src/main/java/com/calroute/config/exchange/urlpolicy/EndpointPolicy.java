package com.calroute.config.exchange.urlpolicy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether an Exchange endpoint URL (EWS, Graph or login base URL) is safe for Calroute to call. Tenant admins
 * type these URLs and calendar-sync-service calls them with credentials, so a careless or hostile value must not point
 * Calroute at its own network (server-side request forgery): only {@code https}, no credentials in the URL, and no
 * host that resolves to a loopback, link-local (incl. cloud metadata), private, shared or unique-local address.
 * Operators may allow exact {@code host:port} endpoints for on-premises servers and test set-ups; there is no off
 * switch. A name that does not resolve here is accepted: it cannot reach anything now, and the caller re-checks the
 * address it connects to (DNS answers can change).
 */
public final class EndpointPolicy {

    /** Longest URL accepted. */
    public static final int MAX_URL_LENGTH = 2048;

    private final Set<String> allowedPrivateEndpoints;
    private final Set<String> plainHttpEndpoints;
    private final HostResolver resolver;

    public EndpointPolicy(Set<String> allowedPrivateEndpoints, Set<String> plainHttpEndpoints, HostResolver resolver) {
        this.allowedPrivateEndpoints = normalised(allowedPrivateEndpoints);
        this.plainHttpEndpoints = normalised(plainHttpEndpoints);
        this.resolver = resolver;
    }

    /** Why {@code url} may not be used, in plain words; empty when it may. */
    public Optional<String> rejection(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("must not contain a user name or password; enter them in their own fields");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a valid host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment (#...)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(scheme) ? 80 : 443;
        String endpoint = endpointKey(host, port);
        if ("http".equals(scheme)) {
            if (!plainHttpEndpoints.contains(endpoint)) {
                return Optional.of("must use https (plain http is only allowed for endpoints the operator lists)");
            }
        } else if (!"https".equals(scheme)) {
            return Optional.of("must use https");
        }
        if (allowedPrivateEndpoints.contains(endpoint)) {
            return Optional.empty();
        }
        for (InetAddress address : addressesOf(host)) {
            Optional<String> range = InternalRanges.rangeOf(address);
            if (range.isPresent()) {
                return Optional.of("must not point to a " + range.get() + " address (" + host + ")");
            }
        }
        return Optional.empty();
    }

    /** The {@code host:port} form used by the allowance lists (IPv6 hosts without brackets). */
    public static String endpointKey(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private Iterable<InetAddress> addressesOf(String host) {
        Optional<InetAddress> literal = literalAddress(host);
        return literal.<Iterable<InetAddress>>map(Set::of).orElseGet(() -> resolver.resolve(host));
    }

    private static Optional<InetAddress> literalAddress(String host) {
        boolean looksLiteral = host.contains(":") || host.matches("[0-9.]+");
        if (!looksLiteral) {
            return Optional.empty();
        }
        try {
            // getByName does not touch DNS for literals; it also understands the short IPv4 forms (127.1, 2130706433).
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Set<String> normalised(Set<String> endpoints) {
        return endpoints.stream()
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .map(e -> e.toLowerCase(Locale.ROOT).replace("[", "").replace("]", ""))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Address ranges no tenant-supplied URL may reach. */
    static final class InternalRanges {

        private InternalRanges() {
        }

        static Optional<String> rangeOf(InetAddress address) {
            if (address instanceof Inet6Address v6) {
                byte[] b = v6.getAddress();
                if (isIpv4Mapped(b) || isIpv4Compatible(b)) {
                    return rangeOfV4(new byte[] {b[12], b[13], b[14], b[15]});
                }
                if (address.isLoopbackAddress()) {
                    return Optional.of("loopback");
                }
                if (address.isAnyLocalAddress()) {
                    return Optional.of("unspecified");
                }
                if (address.isLinkLocalAddress()) {
                    return Optional.of("link-local");
                }
                if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
                    return Optional.of("unique-local (private)");
                }
                if (address.isMulticastAddress()) {
                    return Optional.of("multicast");
                }
                return Optional.empty();
            }
            if (address instanceof Inet4Address) {
                return rangeOfV4(address.getAddress());
            }
            return Optional.empty();
        }

        private static Optional<String> rangeOfV4(byte[] b) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 127) {
                return Optional.of("loopback");
            }
            if (first == 169 && second == 254) {
                return Optional.of("link-local (cloud metadata)");
            }
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("private");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("shared (carrier-grade NAT)");
            }
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first >= 224) {
                return Optional.of("multicast or reserved");
            }
            return Optional.empty();
        }

        private static boolean isIpv4Mapped(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        }

        private static boolean isIpv4Compatible(byte[] b) {
            for (int i = 0; i < 12; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            // ::1 and :: are handled as IPv6 loopback/unspecified.
            return (b[12] | b[13] | b[14]) != 0;
        }
    }
}
