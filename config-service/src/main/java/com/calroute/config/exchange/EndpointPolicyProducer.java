package com.calroute.config.exchange;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.exchange.urlpolicy.EndpointPolicy;
import com.calroute.config.exchange.urlpolicy.HostResolver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;

/** Builds the SSRF endpoint policy from the operator's exact host:port allowances. */
public class EndpointPolicyProducer {

    @Produces
    @Singleton
    EndpointPolicy endpointPolicy(CalrouteConfig config) {
        return new EndpointPolicy(
                new HashSet<>(config.exchange().allowedPrivateEndpoints().orElse(List.of())),
                new HashSet<>(config.exchange().plainHttpEndpoints().orElse(List.of())),
                HostResolver.system());
    }
}
