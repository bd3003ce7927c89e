package com.calroute.config.exchange;

import com.calroute.config.CalrouteConfig;
import com.calroute.contracts.connection.OutboundEndpointRule;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** Builds the contracts' outbound endpoint rule from the operator's exact host:port allowances. */
public class EndpointPolicyProducer {

    @Produces
    @Singleton
    OutboundEndpointRule outboundEndpointRule(CalrouteConfig config) {
        return new OutboundEndpointRule(config.exchange().allowedPrivateEndpoints().orElse(List.of()),
                config.exchange().plainHttpEndpoints().orElse(List.of()));
    }
}
