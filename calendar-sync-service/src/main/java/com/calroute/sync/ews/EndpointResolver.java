package com.calroute.sync.ews;

import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.contracts.connection.OutboundEndpointRule.Endpoint;

import org.apache.http.conn.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Sync's side of the contracts' {@link OutboundEndpointRule} (the very rule config-service applied when the URL was
 * saved): parses Exchange URLs with it and looks hosts up through it at every connect. Callers connect to the very
 * addresses {@link #resolve} returned, so a DNS answer that changes between check and connect cannot slip through.
 */
public final class EndpointResolver {

    private final OutboundEndpointRule rule;
    private final HostLookup lookup;

    /** How a host name becomes addresses: the system resolver in production, a scripted one in tests. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** Applies the rule with the operator's exact {@code host:port} ({@code [ipv6]:port}) allowances. */
    public EndpointResolver(Collection<String> allowedPrivateEndpoints, Collection<String> plainHttpEndpoints) {
        this(allowedPrivateEndpoints, plainHttpEndpoints, InetAddress::getAllByName);
    }

    /** The same rule over another way of looking host names up. */
    public EndpointResolver(Collection<String> allowedPrivateEndpoints, Collection<String> plainHttpEndpoints,
                            HostLookup lookup) {
        this.rule = new OutboundEndpointRule(allowedPrivateEndpoints, plainHttpEndpoints);
        this.lookup = lookup;
    }

    /** Parses an Exchange URL; throws {@link IllegalArgumentException} with the reason if the rule refuses its form. */
    public Endpoint parse(String url) {
        return rule.parse(url);
    }

    /** True when the endpoint's scheme is acceptable: https, or plain http explicitly allowed for this host:port. */
    public boolean schemeAllowed(Endpoint endpoint) {
        return rule.schemeAllowed(endpoint);
    }

    /**
     * Apache HttpClient's DNS hook for a client that talks only to {@code endpoint}: every connect looks the host up
     * through {@link #resolve}, so the client connects to exactly the addresses the rule has just checked, while the
     * TLS host name (SNI, certificate check) and the Host header stay the endpoint's name.
     */
    public DnsResolver pinnedTo(Endpoint endpoint) {
        return host -> {
            String asked = host.toLowerCase(Locale.ROOT);
            if (!endpoint.host().equals(asked) && !endpoint.resolvableHost().equals(asked)) {
                throw new BlockedAddressException(host, "a host other than the configured one");
            }
            return resolve(endpoint);
        };
    }

    /** Looks the endpoint's host up and returns its addresses if the rule lets every one of them be contacted. */
    public InetAddress[] resolve(Endpoint endpoint) throws UnknownHostException, BlockedAddressException {
        InetAddress[] addresses = endpoint.address() != null ? new InetAddress[] {endpoint.address()}
                : lookup.addresses(endpoint.resolvableHost());
        var blocked = rule.blockedAddress(endpoint, endpoint.address() != null ? List.of() : List.of(addresses));
        if (blocked.isPresent()) {
            throw new BlockedAddressException(endpoint.hostPort(), blocked.get().getHostAddress());
        }
        return addresses;
    }
}
