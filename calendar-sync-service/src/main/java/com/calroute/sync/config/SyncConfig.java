package com.calroute.sync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Every setting of calendar-sync-service, under {@code calroute.*}. */
@ConfigMapping(prefix = "calroute")
public interface SyncConfig {

    /** Kafka topic settings. */
    Kafka kafka();

    /** Calendar reading, scheduling and streaming. */
    Sync sync();

    /** How Exchange servers may be reached. */
    Exchange exchange();

    /** Where config-service is. */
    ConfigService configService();

    /** Microsoft Graph change notifications for GRAPH tenants. */
    Graph graph();

    /** Kafka topic settings. */
    interface Kafka {
        /** Partition count of the users, calendar and status topics when this service creates them. */
        @WithDefault("12")
        int partitions();

        /** Create the topics this service reads or writes at start; when off (a Kubernetes Job creates them), only check them. */
        @WithDefault("true")
        boolean createTopics();

        /** Consumer group whose partition assignment of calroute.users.v1 decides which replica syncs which mailbox. */
        @WithDefault("calroute-calendar-sync")
        String consumerGroup();

        /** Session time-out of the users.v1 group membership: how soon a dead replica's mailboxes move. */
        @WithDefault("PT30S")
        Duration sessionTimeout();

        /** How long to wait for the broker to acknowledge one calendar message. */
        @WithDefault("PT30S")
        Duration sendTimeout();
    }

    /** Calendar reading, scheduling and streaming. */
    interface Sync {
        /** How far back the sync window reaches from today's UTC midnight. */
        @WithDefault("P1D")
        Duration windowBack();

        /** How far ahead the sync window reaches from tomorrow's UTC midnight. */
        @WithDefault("P14D")
        Duration windowAhead();

        /** Every owned mailbox is re-read this often, for servers or mailboxes where notifications fail. */
        @WithDefault("PT5M")
        Duration safetyPollInterval();

        /** Each mailbox's automatic replies are polled this often at most (neither EWS nor Graph notifies them). */
        @WithDefault("PT4M")
        Duration automaticRepliesInterval();

        /**
         * Each mailbox's working hours are read this often at most, by the automatic-replies poll (EWS spends a
         * GetUserAvailability on them; Graph answers them with the automatic replies at no extra cost).
         */
        @WithDefault("PT1H")
        Duration workingHoursInterval();

        /** An unchanged calendar is republished this long after its last message, only to refresh calendarAsOf. */
        @WithDefault("PT1H")
        Duration asOfRefresh();

        /** Mailbox reads this replica runs at once, shared fairly among tenants. */
        @WithDefault("32")
        int workers();

        /** Of {@link #workers()}, how many only notified changes and resyncs may use, never bulk reads. */
        @WithDefault("4")
        int liveReserve();

        /** Concurrent EWS requests per tenant (service account); always kept below Exchange's own limit. */
        @WithDefault("20")
        int concurrencyPerTenant();

        /** CalendarView MaxEntriesReturned per request (Exchange returns at most 1000). */
        @WithDefault("1000")
        int pageSize();

        /** Open streaming subscriptions so changes arrive within seconds; off leaves only the safety poll. */
        @WithDefault("true")
        boolean streaming();

        /** Mailboxes per streaming connection, all anchored on one of them (Exchange allows 200). */
        @WithDefault("200")
        int streamingGroupSize();

        /** Streaming connections per tenant at most; further mailboxes rely on the safety poll. */
        @WithDefault("100")
        int maxStreamingGroupsPerTenant();

        /** Minutes a streaming connection stays open before it is renewed (Exchange allows 1-30). */
        @WithDefault("30")
        int streamingLifetimeMinutes();

        /** First wait after a transient Exchange fault; it doubles per attempt. */
        @WithDefault("PT1S")
        Duration backoffBase();

        /** Longest wait after transient Exchange faults. */
        @WithDefault("PT2M")
        Duration backoffCap();

        /** How often resync requests made on any replica are picked up by the owning one. */
        @WithDefault("PT1S")
        Duration resyncPollInterval();
    }

    /** How Exchange servers may be reached. */
    interface Exchange {
        /** Time-out for opening a TCP connection to Exchange. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Time-out for Exchange to answer a request. */
        @WithDefault("PT60S")
        Duration readTimeout();

        /** Exact host:port entries that may resolve to loopback or private addresses (tests, on-prem labs). */
        Optional<Set<String>> allowedPrivateEndpoints();

        /** Exact host:port entries that may be reached over plain http (tests only). */
        Optional<Set<String>> plainHttpEndpoints();
    }

    /** Microsoft Graph change notifications. */
    interface Graph {
        /**
         * Public https URL at which Microsoft Graph reaches {@code /graph/v1/notifications} of this service; lifecycle
         * notifications go to the sibling {@code /graph/v1/lifecycle}. Unset: no subscriptions, the safety poll only.
         */
        Optional<String> notificationUrl();

        /** How long a subscription is made for (Outlook events allow at most 10080 minutes); renewed at a third left. */
        @WithDefault("P2D")
        Duration subscriptionLifetime();
    }

    /** Where config-service is. */
    interface ConfigService {
        /** Base URL of config-service's internal API. */
        @WithDefault("http://localhost:8081")
        String url();

        /** Time-out for fetching a tenant's connection. */
        @WithDefault("PT10S")
        Duration timeout();
    }
}
