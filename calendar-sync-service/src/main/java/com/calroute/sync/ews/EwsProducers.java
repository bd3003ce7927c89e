package com.calroute.sync.ews;

import com.calroute.sync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/** The EWS side's objects, made once: the outbound-address guard (Graph uses it too), the client factory, the tester. */
@ApplicationScoped
public class EwsProducers {

    @Produces
    @Singleton
    EndpointResolver endpointResolver(SyncConfig config) {
        return new EndpointResolver(config.exchange().allowedPrivateEndpoints().orElse(Set.of()),
                config.exchange().plainHttpEndpoints().orElse(Set.of()));
    }

    @Produces
    @Singleton
    EwsClientFactory ewsClientFactory(EndpointResolver guard, SyncConfig config) {
        return new EwsClientFactory(guard, config.exchange().connectTimeout(), config.exchange().readTimeout());
    }

    @Produces
    @Singleton
    ConnectionTester connectionTester(EwsClientFactory factory, SyncConfig config) {
        return new ConnectionTester(factory, config.exchange().connectTimeout());
    }

    @Produces
    @Singleton
    CalendarReader calendarReader(SyncConfig config) {
        return new CalendarReader(config.sync().pageSize());
    }
}
