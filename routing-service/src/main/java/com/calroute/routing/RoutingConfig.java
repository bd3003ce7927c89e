package com.calroute.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** routing-service settings ({@code calroute.*}). */
@ConfigMapping(prefix = "calroute")
public interface RoutingConfig {

    /** Kafka topics. */
    Kafka kafka();

    /** Routing behaviour. */
    Routing routing();

    /** Benchmark aids. */
    Bench bench();

    /** The route-decision log ("why did my call go there?"). */
    Decisions decisions();

    /** Bearer tokens. */
    Auth auth();

    /** How bearer tokens are checked. */
    interface Auth {

        /**
         * How long a token quarkus-oidc accepted is trusted again without a new check (never beyond its own expiry);
         * 0 checks every request's token anew. It adds to how long a signing key removed from the realm is still
         * trusted (calroute.oidc.jwks-refresh-interval + the forced-refresh interval + this).
         */
        @WithDefault("5s")
        Duration verifiedTokenTtl();

        /** Most tokens remembered at once; beyond, the expired ones go and, if that is not enough, all of them. */
        @WithDefault("10000")
        int verifiedTokenCapacity();
    }

    /** Kafka topics routing reads and writes. */
    interface Kafka {

        /** Partition count of the topics routing creates (users, calendar and status must share it). */
        @WithDefault("12")
        int partitions();

        /** Whether to create routing's topics at start; when off (a Kubernetes Job creates them), start only checks them. */
        @WithDefault("true")
        boolean createTopics();
    }

    /** How this replica routes. */
    interface Routing {

        /** Consumer group whose partition assignment decides which keys this replica publishes status for. */
        @WithDefault("calroute-routing")
        String groupId();

        /** Group session timeout: how soon a dead replica's keys move to another. */
        @WithDefault("10s")
        Duration sessionTimeout();

        /** IANA zone for all-day items of a tenant not (yet) known from calroute.tenants.v1. */
        @WithDefault("Europe/Oslo")
        String defaultTimeZone();

        /** Longest range a timeline request may span. */
        @WithDefault("P31D")
        Duration maxTimelineRange();

        /** Furthest ahead a manual override may end. */
        @WithDefault("P31D")
        Duration maxOverrideAhead();

        /** How long an override write waits for the broker and this replica's table before answering 503. */
        @WithDefault("10s")
        Duration writeTimeout();
    }

    /** The route-decision log: a bounded queue off the lookup path, a batching writer, and a retention job. */
    interface Decisions {

        /** Decisions waiting for the writer at most; beyond that a lookup's decision is dropped and counted. */
        @WithDefault("20000")
        int queueCapacity();

        /** Most decisions written in one JDBC batch. */
        @WithDefault("500")
        int batchSize();

        /**
         * How often the writer flushes the queue to PostgreSQL (decisions are readable within about this long); short,
         * so that each flush is a small piece of work beside the lookups rather than a burst.
         */
        @WithDefault("200ms")
        Duration flushInterval();

        /**
         * How long decisions are kept: never read past it, and dropped with their UTC day once the whole day is older.
         */
        @WithDefault("P30D")
        Duration retention();

        /** How often the retention job runs (it also creates the next day's partition ahead of the writer). */
        @WithDefault("1h")
        Duration purgeInterval();

        /** Most decisions one request answers, newest first. */
        @WithDefault("200")
        int maxResults();

        /** How far back an employee's decisions reach when no {@code since} is given. */
        @WithDefault("P1D")
        Duration defaultWindow();
    }

    /** Benchmark aids, off in production. */
    interface Bench {

        /**
         * Serves GET /api/v1/bench/ceiling/{e164} and /small: the benchmark's ceilings, a lookup's request and auth and
         * a fixed answer without the table.
         */
        @WithDefault("false")
        boolean ceilingEndpoint();
    }
}
