package com.calroute.contracts.connection;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one outbound address (SSRF) rule for Exchange endpoints; it lives in contracts because both sides of the
 * config→sync connection contract must apply it identically: config-service stores only URLs sync will call, and
 * sync re-checks the addresses at every connect.
 * <p>
 * An endpoint is acceptable when its URL is an absolute {@code https} URL (plain {@code http} only for listed
 * {@code host:port} entries) without credentials or fragment, its host is a DNS name without a trailing dot or an IP
 * literal in its one canonical spelling (so {@code 0x7f000001}, {@code 2130706433}, {@code 127.1} or
 * {@code 0177.0.0.1} never reach a resolver that reads them differently), and every address it resolves to is
 * globally routable — unless the operator listed the exact {@code host:port} (IPv6 as {@code [addr]:port}) as an
 * allowed private endpoint. A name that resolves to nothing is not refused here: it reaches nothing, and the caller
 * checks again at connect time.
 */
public final class OutboundEndpointRule {

    /** Longest URL accepted. */
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A last label a resolver (glibc's inet_aton, Java's own parser, browsers) reads as a number, not a name. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0x[0-9a-f]*");

    private final Set<String> allowedPrivateEndpoints;
    private final Set<String> plainHttpEndpoints;

    /**
     * The rule with the operator's allowances: exact {@code host:port} or {@code [ipv6]:port} entries.
     *
     * @throws IllegalArgumentException for an entry that is not in one of those forms
     */
    public OutboundEndpointRule(Collection<String> allowedPrivateEndpoints, Collection<String> plainHttpEndpoints) {
        this.allowedPrivateEndpoints = keys(allowedPrivateEndpoints);
        this.plainHttpEndpoints = keys(plainHttpEndpoints);
    }

    /**
     * A parsed endpoint URL.
     *
     * @param host    lower case, IPv6 literals in brackets as in the URL
     * @param address the address when the host is an IP literal, else null
     */
    public record Endpoint(URI uri, String host, int port, boolean https, InetAddress address) {

        /** {@code host:port} ({@code [ipv6]:port}), the form the allowance lists use. */
        public String hostPort() {
            return host + ":" + port;
        }

        /** The host without IPv6 brackets, as a resolver takes it. */
        public String resolvableHost() {
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        String key() {
            return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]:" + port : hostPort();
        }
    }

    /**
     * Parses {@code url} and checks its form; the scheme may still be plain http (see {@link #schemeAllowed}).
     *
     * @throws IllegalArgumentException with the reason in words that follow the field name ("must use https")
     */
    public Endpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("must be an absolute https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("must use https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new IllegalArgumentException(
                    "must not contain a user name or password; enter them in their own fields");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            // URI leaves the host out when it is no valid name or address, e.g. 127.1 or bad_name.
            throw new IllegalArgumentException(uri.getRawAuthority() == null ? "must name a valid host"
                    : "must name a valid host (" + uri.getRawAuthority() + ")");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not contain a fragment (#...)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new Endpoint(uri, host, port, https, literal(host));
    }

    /** True when the endpoint is https, or plain http for a listed {@code host:port}. */
    public boolean schemeAllowed(Endpoint endpoint) {
        return endpoint.https() || plainHttpEndpoints.contains(endpoint.key());
    }

    /**
     * The first address of the endpoint that may not be contacted: its literal address, else the first of
     * {@code resolved}; empty when all are public or the operator listed the exact {@code host:port}.
     */
    public Optional<InetAddress> blockedAddress(Endpoint endpoint, Collection<InetAddress> resolved) {
        if (allowedPrivateEndpoints.contains(endpoint.key())) {
            return Optional.empty();
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (endpoint.address() != null) {
            addresses.add(endpoint.address());
        }
        addresses.addAll(resolved);
        return addresses.stream().filter(a -> blockedRange(a).isPresent()).findFirst();
    }

    /**
     * The whole decision in words following the field name, e.g. for a 400 problem; empty when {@code url} may be
     * stored. {@code resolver} is asked for a host name's addresses (empty when it does not resolve); it is never
     * asked for IP literals or listed private endpoints.
     */
    public Optional<String> refusal(String url, Function<String, ? extends Collection<InetAddress>> resolver) {
        Endpoint endpoint;
        try {
            endpoint = parse(url);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!schemeAllowed(endpoint)) {
            return Optional.of("must use https (plain http is only allowed for endpoints the operator lists)");
        }
        if (allowedPrivateEndpoints.contains(endpoint.key())) {
            return Optional.empty();
        }
        Collection<InetAddress> resolved = endpoint.address() != null ? List.of() : resolver.apply(endpoint.host());
        return blockedAddress(endpoint, resolved).map(address -> "must not point to a "
                + blockedRange(address).orElseThrow() + " address (" + (endpoint.address() != null ? endpoint.host()
                : endpoint.host() + " is " + address.getHostAddress()) + ")");
    }

    /** The named range that makes {@code address} unreachable for tenant-supplied URLs; empty for public addresses. */
    public static Optional<String> blockedRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return rangeOfV4(b);
        }
        if (address instanceof Inet6Address) {
            return rangeOfV6(b);
        }
        return Optional.of("unknown");
    }

    private static Optional<String> rangeOfV4(byte[] b) {
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        for (V4Range range : V4_RANGES) {
            if (range.contains(ip)) {
                return Optional.of(range.name());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> rangeOfV6(byte[] b) {
        // InetAddress already turns IPv4-mapped addresses into Inet4Address; kept for bytes from any other source.
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embeddedV4(b, 12, "IPv4-mapped");
        }
        if (zeros(b, 0, 12)) {
            if (zeros(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                return Optional.of(b[15] == 0 ? "unspecified" : "loopback");
            }
            return embeddedV4(b, 12, "IPv4-compatible");
        }
        if (prefix(b, NAT64) && zeros(b, 4, 12)) {
            return embeddedV4(b, 12, "NAT64");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return embeddedV4(b, 2, "6to4");
        }
        for (V6Range range : V6_RANGES) {
            if (range.contains(b)) {
                return Optional.of(range.name());
            }
        }
        // Only 2000::/3 is global unicast; the rest of the space is unassigned or special.
        return (b[0] & 0xe0) == 0x20 ? Optional.empty() : Optional.of("reserved");
    }

    private static Optional<String> embeddedV4(byte[] b, int from, String how) {
        return rangeOfV4(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]})
                .map(range -> range + " (" + how + ")");
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefix(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The address of an IP-literal host in its canonical spelling, null for a DNS name; refuses everything else. */
    private static InetAddress literal(String host) {
        if (host.startsWith("[")) {
            String text = host.substring(1, host.length() - 1);
            if (text.contains("%")) {
                throw new IllegalArgumentException("must not name an IPv6 zone (" + host + ")");
            }
            int lastColon = text.lastIndexOf(':');
            if (text.indexOf('.', lastColon) >= 0 && !CANONICAL_IPV4.matcher(text.substring(lastColon + 1)).matches()) {
                throw nonCanonical(host);
            }
            return parseLiteral(text, host);
        }
        if (host.endsWith(".")) {
            throw new IllegalArgumentException("must name the host without a trailing dot (" + host + ")");
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        if (!NUMERIC_LABEL.matcher(lastLabel).matches()) {
            return null;
        }
        if (!CANONICAL_IPV4.matcher(host).matches()) {
            throw nonCanonical(host);
        }
        return parseLiteral(host, host);
    }

    private static InetAddress parseLiteral(String text, String host) {
        try {
            // A literal is parsed, never looked up: getByName only consults DNS for names.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("must name a valid host (" + host + ")");
        }
    }

    private static IllegalArgumentException nonCanonical(String host) {
        return new IllegalArgumentException("must write an IP address as four decimal numbers without leading zeros,"
                + " like 192.0.2.10 (" + host + " is read differently by different programs)");
    }

    private static Set<String> keys(Collection<String> entries) {
        return entries.stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(OutboundEndpointRule::key)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String key(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        String host = colon > 0 ? lower.substring(0, colon) : "";
        String port = colon > 0 ? lower.substring(colon + 1) : "";
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        IllegalArgumentException unreadable = new IllegalArgumentException("endpoint allowance '" + entry
                + "' must be host:port, or [address]:port for IPv6");
        if (!port.matches("\\d{1,5}") || (host.contains(":") && !bracketed) || host.isEmpty()) {
            throw unreadable;
        }
        if (bracketed) {
            try {
                InetAddress address = parseLiteral(host.substring(1, host.length() - 1), host);
                return "[" + address.getHostAddress() + "]:" + Integer.parseInt(port);
            } catch (IllegalArgumentException e) {
                throw unreadable;
            }
        }
        return host + ":" + Integer.parseInt(port);
    }

    private static final byte[] NAT64 = {0x00, 0x64, (byte) 0xff, (byte) 0x9b};

    private record V4Range(int network, int bits, String name) {

        static V4Range of(String cidr, String name) {
            String[] parts = cidr.split("/");
            String[] octets = parts[0].split("\\.");
            int network = 0;
            for (String octet : octets) {
                network = (network << 8) | Integer.parseInt(octet);
            }
            return new V4Range(network, Integer.parseInt(parts[1]), name);
        }

        boolean contains(int ip) {
            int mask = bits == 0 ? 0 : -1 << (32 - bits);
            return (ip & mask) == (network & mask);
        }
    }

    private record V6Range(byte[] network, int bits, String name) {

        static V6Range of(String cidr, String name) {
            String[] parts = cidr.split("/");
            try {
                return new V6Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), name);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean contains(byte[] address) {
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** RFC 6890 special-purpose and other non-public IPv4 ranges. */
    private static final List<V4Range> V4_RANGES = List.of(
            V4Range.of("0.0.0.0/8", "unspecified (this network)"),
            V4Range.of("10.0.0.0/8", "private"),
            V4Range.of("100.64.0.0/10", "shared (carrier-grade NAT)"),
            V4Range.of("127.0.0.0/8", "loopback"),
            V4Range.of("169.254.0.0/16", "link-local (cloud metadata)"),
            V4Range.of("172.16.0.0/12", "private"),
            V4Range.of("192.0.0.0/24", "IETF protocol assignment"),
            V4Range.of("192.0.2.0/24", "documentation"),
            V4Range.of("192.168.0.0/16", "private"),
            V4Range.of("198.18.0.0/15", "benchmarking"),
            V4Range.of("198.51.100.0/24", "documentation"),
            V4Range.of("203.0.113.0/24", "documentation"),
            V4Range.of("224.0.0.0/4", "multicast"),
            V4Range.of("255.255.255.255/32", "broadcast"),
            V4Range.of("240.0.0.0/4", "reserved"));

    /** Non-public IPv6 ranges inside and next to 2000::/3 (embedded IPv4 forms are judged by their IPv4 first). */
    private static final List<V6Range> V6_RANGES = List.of(
            V6Range.of("64:ff9b:1::/48", "private (local NAT64)"),
            V6Range.of("100::/64", "discard-only"),
            V6Range.of("2001::/23", "IETF protocol assignment"),
            V6Range.of("2001:db8::/32", "documentation"),
            V6Range.of("3fff::/20", "documentation"),
            V6Range.of("fc00::/7", "unique-local (private)"),
            V6Range.of("fe80::/10", "link-local"),
            V6Range.of("fec0::/10", "site-local (private)"),
            V6Range.of("ff00::/8", "multicast"));
}
