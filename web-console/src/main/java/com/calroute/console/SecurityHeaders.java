package com.calroute.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Browser protections on every response (pages, scripts, config.json, errors): a Content-Security-Policy that runs
 * only the console's own files and lets it call only Keycloak and the three APIs, and no framing, sniffing or referrer.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Filters filters, ConsoleConfig config) {
        String policy = contentSecurityPolicy(config);
        filters.register(context -> {
            var headers = context.response().headers();
            headers.set("Content-Security-Policy", policy);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            context.next();
        }, 100);
    }

    /** The policy: connect-src names the origins of the configured issuer and APIs, nothing else is allowed out. */
    static String contentSecurityPolicy(ConsoleConfig config) {
        Set<String> connect = new LinkedHashSet<>(List.of("'self'"));
        for (String url : List.of(config.oidcUrl(), config.configApiUrl(), config.syncApiUrl(), config.routingApiUrl())) {
            connect.add(origin(url));
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src "
                + String.join(" ", connect) + "; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
