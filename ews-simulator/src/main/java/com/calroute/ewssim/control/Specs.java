package com.calroute.ewssim.control;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The JSON bodies of the control API (and the building blocks of scenario files). */
public final class Specs {
    private Specs() {
    }

    /** PUT /sim/v1/accounts/{username}; in scenarios also the username and impersonation grants ("*" = all). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccountSpec(String username, String password, Integer maxConcurrency, Double budgetPerSecond,
            Double burst, List<String> impersonation) {
    }

    /** PUT /sim/v1/mailboxes/{smtp}; in scenarios also the address and the appointments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MailboxSpec(String smtp, String displayName, String timeZone, List<AppointmentSpec> appointments) {
    }

    /**
     * PUT /sim/v1/mailboxes/{smtp}/automatic-replies: {@code state} Disabled, Enabled or Scheduled (EWS or Graph
     * names); {@code start}/{@code end} instants (required when scheduled); the reply texts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutomaticRepliesSpec(String state, String start, String end, String internalReply,
                                       String externalReply) {
    }

    /**
     * PUT /sim/v1/mailboxes/{smtp}/working-hours: the IANA {@code timeZone} (default: the mailbox's) and periods of
     * week days ({@code MONDAY}…) with start and end in minutes after local midnight.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkingHoursSpec(String timeZone, List<WorkingPeriodSpec> periods) {
    }

    /** One period of {@link WorkingHoursSpec}. */
    public record WorkingPeriodSpec(List<String> days, int startMinute, int endMinute) {
    }

    /** POST /sim/v1/faults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FaultSpec(String account, String mailbox, String kind, Long latencyMs, Long backOffMs, Integer count,
                            String operation) {
    }

    /** PUT /sim/v1/server: any subset of the server-wide settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerSpec(String serverVersion, Integer maxConcurrency, Integer streamingConnectionTimeoutMinutes,
            Integer streamingConnectionTimeoutSeconds, Integer heartbeatSeconds, Integer findCountLimit, Integer maxStreamingConnectionsPerMailbox,
            Integer maxSubscriptionsPerStreamingConnection, Integer maxSubscriptionsPerMailbox, Double budgetPerSecond,
            Double burst, String budgetScope, Boolean ntlmEnabled, Boolean basicEnabled, String realm,
            Boolean folderModifiedEvents, Boolean prefixedStreamingEnvelopes) {
    }

    /** A whole scenario document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(ServerSpec server, List<AccountSpec> accounts, List<MailboxSpec> mailboxes) {
    }

    /** The answer to creating or changing an item. */
    public record ItemRef(String itemId, String changeKey) {
    }
}
