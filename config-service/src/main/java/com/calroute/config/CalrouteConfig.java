package com.calroute.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of config-service that is not a Quarkus setting; environment variables override each key. */
@ConfigMapping(prefix = "calroute")
public interface CalrouteConfig {

    /** Encryption of stored secrets (Exchange passwords, Graph client secrets and certificates). */
    Secrets secrets();

    /** Which Exchange endpoints tenants may configure. */
    Exchange exchange();

    /** Topics this service produces to. */
    Kafka kafka();

    /** The transactional outbox relay. */
    Outbox outbox();

    /** The calendar-sync-service that runs live connection checks. */
    SyncService syncService();

    /** Telephone numbers. */
    Numbers numbers();

    /** Encryption keys for stored secrets. */
    interface Secrets {

        /**
         * The AES-256 keys as {@code id:base64(32 random bytes)} entries, comma separated; old keys stay listed until
         * re-encryption has moved every secret to the active one. No default: without a key the service does not start.
         */
        Optional<List<String>> keys();

        /** The id of the key new secrets are encrypted under; may be left out when only one key is listed. */
        Optional<String> activeKeyId();
    }

    /** Exchange endpoint allowances: exact {@code host:port} entries, never an off switch. */
    interface Exchange {

        /** {@code host:port} endpoints that may resolve to loopback, link-local, private or unique-local addresses. */
        Optional<List<String>> allowedPrivateEndpoints();

        /** {@code host:port} endpoints that may be called over plain http (development and test set-ups only). */
        Optional<List<String>> plainHttpEndpoints();

        /** Live connection checks a tenant may run per minute, since each one can probe credentials and ports. */
        @WithDefault("6")
        int connectionTestsPerMinute();
    }

    /** Topic creation. */
    interface Kafka {

        /** Partition count of the topics this service creates (shared by the users, calendar and status topics). */
        @WithDefault("12")
        int partitions();

        /** Whether to create the topics at start; off in production, where a Kubernetes Job creates them and start only checks them. */
        @WithDefault("true")
        boolean createTopics();
    }

    /** The relay that publishes committed outbox records to Kafka. */
    interface Outbox {

        /** How long the relay sleeps when nothing is pending (a commit wakes it earlier). */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** Records published per round. */
        @WithDefault("500")
        int batchSize();

        /** The longest pause between attempts while Kafka or the database is unreachable. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /** How long Kafka may take to acknowledge a record before the round counts as failed. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** How long sent records are kept (for inspection) before they are purged. */
        @WithDefault("P7D")
        Duration retention();

        /** How often sent records past their retention are purged and the broker is checked for lost topics. */
        @WithDefault("PT10M")
        Duration housekeepingInterval();

        /** How long shutdown waits for the relay to publish what is still pending. */
        @WithDefault("PT10S")
        Duration shutdownFlushTimeout();
    }

    /** Telephone numbers. */
    interface Numbers {

        /** The country code whose numbers are national (E.164, e.g. +47): forward targets outside it are abroad. */
        @WithDefault("+47")
        String countryCode();
    }

    /** calendar-sync-service's internal API. */
    interface SyncService {

        /** Base URL of calendar-sync-service. */
        @WithDefault("http://127.0.0.1:8082")
        String url();

        /** Connect timeout for calls to calendar-sync-service. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Read timeout for a live connection check (it may wait for DNS, TLS and Exchange). */
        @WithDefault("PT60S")
        Duration readTimeout();
    }
}
