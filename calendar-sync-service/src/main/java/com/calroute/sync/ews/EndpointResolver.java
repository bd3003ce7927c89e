package com.calroute.sync.ews;

import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.contracts.connection.OutboundEndpointRule.Endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * Sync's side of the contracts' {@link OutboundEndpointRule} (the very rule config-service applied when the URL was
 * saved): parses Exchange URLs with it and looks hosts up through it at every connect. Callers connect to the very
 * addresses {@link #resolve} returned, so a DNS answer that changes between check and connect cannot slip through.
 */
public final class EndpointResolver {

    private final OutboundEndpointRule rule;

    /** Applies the rule with the operator's exact {@code host:port} ({@code [ipv6]:port}) allowances. */
    public EndpointResolver(Collection<String> allowedPrivateEndpoints, Collection<String> plainHttpEndpoints) {
        this.rule = new OutboundEndpointRule(allowedPrivateEndpoints, plainHttpEndpoints);
    }

    /** Parses an Exchange URL; throws {@link IllegalArgumentException} with the reason if the rule refuses its form. */
    public Endpoint parse(String url) {
        return rule.parse(url);
    }

    /** True when the endpoint's scheme is acceptable: https, or plain http explicitly allowed for this host:port. */
    public boolean schemeAllowed(Endpoint endpoint) {
        return rule.schemeAllowed(endpoint);
    }

    /** Looks the endpoint's host up and returns its addresses if the rule lets every one of them be contacted. */
    public InetAddress[] resolve(Endpoint endpoint) throws UnknownHostException, BlockedAddressException {
        InetAddress[] addresses = endpoint.address() != null ? new InetAddress[] {endpoint.address()}
                : InetAddress.getAllByName(endpoint.resolvableHost());
        var blocked = rule.blockedAddress(endpoint, endpoint.address() != null ? List.of() : List.of(addresses));
        if (blocked.isPresent()) {
            throw new BlockedAddressException(endpoint.hostPort(), blocked.get().getHostAddress());
        }
        return addresses;
    }
}
