package com.calroute.sync.ews;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF rules config-service applies when a tenant saves an EWS URL, checked again at every connect: https only
 * (unless the exact {@code host:port} is allowed plain http), and the host must resolve to public addresses only
 * (unless the exact {@code host:port} is an allowed private endpoint). Callers connect to the very addresses this
 * check returned, so a DNS answer that changes between check and connect cannot slip through.
 */
public final class EndpointGuard {

    private final Set<String> allowedPrivateEndpoints;
    private final Set<String> plainHttpEndpoints;

    public EndpointGuard(Set<String> allowedPrivateEndpoints, Set<String> plainHttpEndpoints) {
        this.allowedPrivateEndpoints = normalise(allowedPrivateEndpoints);
        this.plainHttpEndpoints = normalise(plainHttpEndpoints);
    }

    /** A parsed EWS endpoint. */
    public record Endpoint(URI uri, String host, int port, boolean https) {

        /** {@code host:port}, the form the allowance lists use. */
        public String hostPort() {
            return host + ":" + port;
        }
    }

    /** Parses an EWS URL and checks its scheme; throws {@link IllegalArgumentException} with plain words if unusable. */
    public Endpoint parse(String ewsUrl) {
        if (ewsUrl == null || ewsUrl.isBlank()) {
            throw new IllegalArgumentException("no EWS URL");
        }
        URI uri;
        try {
            uri = URI.create(ewsUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the EWS URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the EWS URL must be an https URL with a host name");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("the EWS URL must not carry a user name or password");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        Endpoint endpoint = new Endpoint(uri, uri.getHost().toLowerCase(Locale.ROOT), port, https);
        return endpoint;
    }

    /** True when the endpoint's scheme is acceptable: https, or plain http explicitly allowed for this host:port. */
    public boolean schemeAllowed(Endpoint endpoint) {
        return endpoint.https() || plainHttpEndpoints.contains(endpoint.hostPort());
    }

    /** Resolves the host and returns its addresses if every one of them may be contacted. */
    public InetAddress[] resolve(String host, int port) throws UnknownHostException, BlockedAddressException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        String hostPort = host.toLowerCase(Locale.ROOT) + ":" + port;
        if (!allowedPrivateEndpoints.contains(hostPort)) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new BlockedAddressException(hostPort, address.getHostAddress());
                }
            }
        }
        return addresses;
    }

    /** True for globally routable unicast addresses; false for loopback, private, link-local, CGNAT, multicast etc. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return !(first == 0 || first >= 240                         // "this network", reserved, broadcast
                    || (first == 100 && second >= 64 && second < 128)   // carrier-grade NAT
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)));   // benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= bytes[i] == 0;
            }
            if (mappedV4 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Set<String> normalise(Set<String> entries) {
        return entries.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
