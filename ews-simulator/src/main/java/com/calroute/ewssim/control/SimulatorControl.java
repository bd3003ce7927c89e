package com.calroute.ewssim.control;

import com.calroute.ewssim.ServerVersion;
import com.calroute.ewssim.throttling.BudgetScope;
import com.calroute.ewssim.SimulatorEngine;
import com.calroute.ewssim.SimulatorSettings;
import com.calroute.ewssim.auth.ServiceAccount;
import com.calroute.ewssim.faults.FaultKind;
import com.calroute.ewssim.faults.FaultRule;
import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.AutomaticReplies;
import com.calroute.ewssim.mailbox.WorkingHours;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.ItemIds;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.RecurrenceExpander;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java face of the control API: everything the REST endpoints under /sim/v1 do, callable in-process by tests.
 * Every mailbox mutation goes through the mailbox model, so it fires the same notifications an Exchange change would.
 */
public final class SimulatorControl {
    private final SimulatorEngine engine;
    private final AppointmentMapper mapper;

    public SimulatorControl(SimulatorEngine engine) {
        this.engine = engine;
        this.mapper = new AppointmentMapper(engine.clock());
    }

    public Map<String, Object> putAccount(String username, Specs.AccountSpec spec) {
        if (spec == null || spec.password() == null) {
            throw ControlException.badRequest("an account needs a password");
        }
        ServiceAccount account;
        try {
            account = engine.accounts().put(username, spec.password(), spec.maxConcurrency(), spec.budgetPerSecond(), spec.burst());
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
        if (spec.impersonation() != null) {
            spec.impersonation().forEach(account::grant);
        }
        return accountJson(account);
    }

    public boolean deleteAccount(String username) {
        return engine.accounts().remove(username);
    }

    public List<Map<String, Object>> accounts() {
        return engine.accounts().all().stream().map(SimulatorControl::accountJson).toList();
    }

    /** Grants ApplicationImpersonation on one mailbox, or on all with "*". */
    public void grantImpersonation(String username, String smtpOrStar) {
        account(username).grant(smtpOrStar);
    }

    public boolean revokeImpersonation(String username, String smtpOrStar) {
        return account(username).revoke(smtpOrStar);
    }

    public Map<String, Object> putMailbox(String smtp, Specs.MailboxSpec spec) {
        if (smtp == null || !smtp.contains("@")) {
            throw ControlException.badRequest("a mailbox is named by its SMTP address");
        }
        ZoneId zone;
        try {
            zone = spec == null || spec.timeZone() == null ? null : ZoneId.of(spec.timeZone());
        } catch (RuntimeException e) {
            throw ControlException.badRequest("unknown time zone: " + spec.timeZone());
        }
        Mailbox mailbox = engine.directory().put(smtp, spec == null ? null : spec.displayName(), zone);
        if (spec != null && spec.appointments() != null) {
            spec.appointments().forEach(appointment -> createAppointment(mailbox.smtpAddress(), appointment));
        }
        return mailboxJson(mailbox);
    }

    public boolean deleteMailbox(String smtp) {
        engine.subscriptions().removeMailbox(smtp);
        return engine.directory().remove(smtp);
    }

    public Map<String, Object> mailbox(String smtp) {
        return mailboxJson(mailboxOf(smtp));
    }

    public List<Map<String, Object>> mailboxes() {
        return engine.directory().all().stream().map(SimulatorControl::mailboxJson).toList();
    }

    /** Sets a mailbox's automatic replies (as Outlook's "Automatic replies" would); answers what is now set. */
    public Map<String, Object> putAutomaticReplies(String smtp, Specs.AutomaticRepliesSpec spec) {
        Mailbox mailbox = mailboxOf(smtp);
        try {
            mailbox.automaticReplies(new AutomaticReplies(AutomaticReplies.State.parse(spec.state()),
                    spec.start() == null ? null : Instant.parse(spec.start()),
                    spec.end() == null ? null : Instant.parse(spec.end()), spec.internalReply(), spec.externalReply()));
        } catch (IllegalArgumentException | java.time.DateTimeException | NullPointerException e) {
            throw ControlException.badRequest(String.valueOf(e.getMessage()));
        }
        return automaticReplies(smtp);
    }

    /** Sets a mailbox's working hours (as Outlook's calendar options would); answers what is now set. */
    public Map<String, Object> putWorkingHours(String smtp, Specs.WorkingHoursSpec spec) {
        Mailbox mailbox = mailboxOf(smtp);
        try {
            java.time.ZoneId zone = spec.timeZone() == null ? mailbox.timeZone() : java.time.ZoneId.of(spec.timeZone());
            mailbox.workingHours(new WorkingHours(zone, spec.periods().stream()
                    .map(period -> new WorkingHours.Period(period.days().stream()
                            .map(day -> java.time.DayOfWeek.valueOf(day.trim().toUpperCase(java.util.Locale.ROOT)))
                            .collect(java.util.stream.Collectors.toSet()), period.startMinute(), period.endMinute()))
                    .toList()));
        } catch (IllegalArgumentException | java.time.DateTimeException | NullPointerException e) {
            throw ControlException.badRequest(String.valueOf(e.getMessage()));
        }
        return workingHours(smtp);
    }

    /** A mailbox's working hours. */
    public Map<String, Object> workingHours(String smtp) {
        WorkingHours hours = mailboxOf(smtp).workingHours();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timeZone", hours.timeZone().getId());
        json.put("periods", hours.periods().stream().map(period -> Map.of(
                "days", period.days().stream().sorted().map(Enum::name).toList(),
                "startMinute", period.startMinute(), "endMinute", period.endMinute())).toList());
        return json;
    }

    /** A mailbox's automatic replies. */
    public Map<String, Object> automaticReplies(String smtp) {
        AutomaticReplies replies = mailboxOf(smtp).automaticReplies();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", replies.state().wireName());
        json.put("start", replies.start() == null ? null : replies.start().toString());
        json.put("end", replies.end() == null ? null : replies.end().toString());
        json.put("internalReply", replies.internalReply());
        json.put("externalReply", replies.externalReply());
        return json;
    }

    public Specs.ItemRef createAppointment(String smtp, AppointmentSpec spec) {
        Mailbox mailbox = mailboxOf(smtp);
        Appointment created = mailbox.create(mapper.toBuilder(spec, mailbox));
        if (spec.occurrences() != null) {
            for (AppointmentSpec.OccurrenceSpec occurrence : spec.occurrences()) {
                Instant original = originalStart(created = mailbox.item(created.itemId()), occurrence);
                if (Boolean.TRUE.equals(occurrence.deleted())) {
                    deleteOccurrence(smtp, created.itemId(), original);
                } else {
                    modifyOccurrence(smtp, created.itemId(), original, occurrence);
                }
            }
            created = mailbox.item(created.itemId());
        }
        return new Specs.ItemRef(created.itemId(), created.changeKey());
    }

    public Specs.ItemRef updateAppointment(String smtp, String itemId, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ControlException.badRequest("a patch is a JSON object");
        }
        Mailbox mailbox = mailboxOf(smtp);
        Appointment updated = mailbox.update(normaliseId(itemId), builder -> mapper.applyPatch(builder, patch, mailbox));
        if (updated == null) {
            throw ControlException.notFound("appointment");
        }
        return new Specs.ItemRef(updated.itemId(), updated.changeKey());
    }

    public Specs.ItemRef updateAppointment(String smtp, String itemId, Map<String, ?> patch) {
        return updateAppointment(smtp, itemId, (ObjectNode) ControlJson.MAPPER.valueToTree(patch));
    }

    public boolean deleteAppointment(String smtp, String itemId) {
        return mailboxOf(smtp).delete(normaliseId(itemId));
    }

    public Map<String, Object> appointment(String smtp, String itemId) {
        Appointment item = mailboxOf(smtp).item(normaliseId(itemId));
        if (item == null) {
            throw ControlException.notFound("appointment");
        }
        return AppointmentMapper.toJson(item);
    }

    public List<Map<String, Object>> appointments(String smtp) {
        return mailboxOf(smtp).items().stream().map(AppointmentMapper::toJson).toList();
    }

    /** Modifies one occurrence (making it an exception); answers the occurrence's id and change key. */
    public Specs.ItemRef modifyOccurrence(String smtp, String itemId, Instant originalStart, AppointmentSpec.OccurrenceSpec spec) {
        Mailbox mailbox = mailboxOf(smtp);
        String id = normaliseId(itemId);
        Appointment series = mailbox.item(id);
        if (series == null) {
            throw ControlException.notFound("appointment");
        }
        try {
            Appointment updated = mailbox.modifyOccurrence(id, originalStart, mapper.occurrenceChange(spec, series, originalStart));
            return new Specs.ItemRef(ItemIds.occurrenceId(id, originalStart),
                    updated.modifiedOccurrences().get(originalStart).changeKey());
        } catch (IllegalArgumentException e) {
            throw new ControlException(404, e.getMessage());
        }
    }

    public void deleteOccurrence(String smtp, String itemId, Instant originalStart) {
        Mailbox mailbox = mailboxOf(smtp);
        try {
            if (mailbox.deleteOccurrence(normaliseId(itemId), originalStart) == null) {
                throw ControlException.notFound("appointment");
            }
        } catch (IllegalArgumentException e) {
            throw new ControlException(404, e.getMessage());
        }
    }

    /** The expanded calendar view, as FindItem with a CalendarView would return it. */
    public List<Map<String, Object>> calendarView(String smtp, Instant from, Instant to) {
        return mailboxOf(smtp).calendarView(from, to).stream().map(SimulatorControl::instanceJson).toList();
    }

    public long addFault(Specs.FaultSpec spec) {
        if (spec == null || spec.kind() == null) {
            throw ControlException.badRequest("a fault needs a kind");
        }
        FaultKind kind;
        try {
            kind = FaultKind.valueOf(spec.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest("unknown fault kind " + spec.kind());
        }
        if (kind == FaultKind.SERVER_BUSY && spec.backOffMs() == null) {
            throw ControlException.badRequest("SERVER_BUSY needs backOffMs");
        }
        if (kind == FaultKind.LATENCY && spec.latencyMs() == null) {
            throw ControlException.badRequest("LATENCY needs latencyMs");
        }
        FaultRule rule = engine.faults().add(spec.account(), spec.mailbox(), spec.operation(), kind,
                spec.latencyMs() == null ? 0 : spec.latencyMs(), spec.backOffMs() == null ? 0 : spec.backOffMs(), spec.count());
        if (kind == FaultKind.DROP_STREAMING) {
            int max = spec.count() == null ? Integer.MAX_VALUE : spec.count();
            int dropped = engine.subscriptions().drop(rule.account(), rule.mailbox(), max);
            for (int i = 0; i < dropped; i++) {
                engine.faults().fire(FaultKind.DROP_STREAMING, rule.account(), rule.mailbox());
            }
        }
        return rule.id();
    }

    public boolean removeFault(long id) {
        return engine.faults().remove(id);
    }

    public void clearFaults() {
        engine.faults().clear();
    }

    public List<Map<String, Object>> faults() {
        return engine.faults().all().stream().map(rule -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", rule.id());
            json.put("account", rule.account());
            json.put("mailbox", rule.mailbox());
            json.put("operation", rule.operation());
            json.put("kind", rule.kind().name());
            json.put("latencyMs", rule.latencyMs());
            json.put("backOffMs", rule.backOffMs());
            json.put("count", rule.count());
            json.put("remaining", rule.remaining());
            return json;
        }).toList();
    }

    public List<RequestLog.Entry> requests(String account, String mailbox, String operation) {
        return engine.requestLog().find(account, mailbox, operation);
    }

    public void clearRequests() {
        engine.requestLog().clear();
    }

    public Map<String, Map<String, Object>> stats() {
        return engine.throttler().stats();
    }

    public Map<String, Object> streamingStats() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("streamingConnections", engine.subscriptions().connectionCount());
        json.put("subscriptions", engine.subscriptions().subscriptionCount());
        return json;
    }

    public void resetStats() {
        engine.throttler().resetStats();
    }

    public void reset() {
        engine.reset();
    }

    public Map<String, Object> server() {
        SimulatorSettings s = engine.settings();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serverVersion", s.serverVersion().configName());
        json.put("maxConcurrency", s.maxConcurrency());
        json.put("streamingConnectionTimeoutMinutes", s.streamingConnectionTimeoutMinutes());
        json.put("streamingConnectionTimeoutSeconds", s.streamingConnectionTimeoutSeconds());
        json.put("heartbeatSeconds", s.heartbeatSeconds());
        json.put("findCountLimit", s.findCountLimit());
        json.put("maxStreamingConnectionsPerMailbox", s.maxStreamingConnectionsPerMailbox());
        json.put("maxSubscriptionsPerStreamingConnection", s.maxSubscriptionsPerStreamingConnection());
        json.put("maxSubscriptionsPerMailbox", s.maxSubscriptionsPerMailbox());
        json.put("budgetPerSecond", s.defaultBudgetPerSecond());
        json.put("burst", s.defaultBurst());
        json.put("budgetScope", s.budgetScope().name());
        json.put("ntlmEnabled", s.ntlmEnabled());
        json.put("basicEnabled", s.basicEnabled());
        json.put("realm", s.realm());
        json.put("folderModifiedEvents", s.folderModifiedEvents());
        json.put("prefixedStreamingEnvelopes", s.prefixedStreamingEnvelopes());
        return json;
    }

    /** Same as PUT /sim/v1/server with a JSON object, e.g. {@code Map.of("heartbeatSeconds", 1)}. */
    public Map<String, Object> updateServer(Map<String, ?> settings) {
        return updateServer(ControlJson.MAPPER.convertValue(settings, Specs.ServerSpec.class));
    }

    /** Same as POST /sim/v1/faults with a JSON object, e.g. {@code Map.of("kind", "SERVER_BUSY", "backOffMs", 500)}. */
    public long addFault(Map<String, ?> fault) {
        return addFault(ControlJson.MAPPER.convertValue(fault, Specs.FaultSpec.class));
    }

    public Map<String, Object> updateServer(Specs.ServerSpec spec) {
        SimulatorSettings s = engine.settings();
        try {
            if (spec.serverVersion() != null) {
                s.serverVersion(ServerVersion.parse(spec.serverVersion()));
            }
            if (spec.budgetScope() != null) {
                s.budgetScope(BudgetScope.parse(spec.budgetScope()));
            }
        } catch (IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
        if (spec.maxConcurrency() != null) {
            s.maxConcurrency(positive(spec.maxConcurrency(), "maxConcurrency"));
        }
        if (spec.streamingConnectionTimeoutMinutes() != null) {
            s.streamingConnectionTimeoutMinutes(positive(spec.streamingConnectionTimeoutMinutes(), "streamingConnectionTimeoutMinutes"));
        }
        if (spec.streamingConnectionTimeoutSeconds() != null) {
            s.streamingConnectionTimeoutSeconds(positive(spec.streamingConnectionTimeoutSeconds(), "streamingConnectionTimeoutSeconds"));
        }
        if (spec.heartbeatSeconds() != null) {
            s.heartbeatSeconds(positive(spec.heartbeatSeconds(), "heartbeatSeconds"));
        }
        if (spec.findCountLimit() != null) {
            s.findCountLimit(positive(spec.findCountLimit(), "findCountLimit"));
        }
        if (spec.maxStreamingConnectionsPerMailbox() != null) {
            s.maxStreamingConnectionsPerMailbox(positive(spec.maxStreamingConnectionsPerMailbox(), "maxStreamingConnectionsPerMailbox"));
        }
        if (spec.maxSubscriptionsPerStreamingConnection() != null) {
            s.maxSubscriptionsPerStreamingConnection(positive(spec.maxSubscriptionsPerStreamingConnection(), "maxSubscriptionsPerStreamingConnection"));
        }
        if (spec.maxSubscriptionsPerMailbox() != null) {
            s.maxSubscriptionsPerMailbox(positive(spec.maxSubscriptionsPerMailbox(), "maxSubscriptionsPerMailbox"));
        }
        if (spec.budgetPerSecond() != null) {
            s.defaultBudgetPerSecond(spec.budgetPerSecond() <= 0 ? null : spec.budgetPerSecond());
        }
        if (spec.burst() != null) {
            s.defaultBurst(spec.burst() <= 0 ? null : spec.burst());
        }
        if (spec.ntlmEnabled() != null) {
            s.ntlmEnabled(spec.ntlmEnabled());
        }
        if (spec.basicEnabled() != null) {
            s.basicEnabled(spec.basicEnabled());
        }
        if (spec.realm() != null) {
            s.realm(spec.realm());
        }
        if (spec.folderModifiedEvents() != null) {
            s.folderModifiedEvents(spec.folderModifiedEvents());
        }
        if (spec.prefixedStreamingEnvelopes() != null) {
            s.prefixedStreamingEnvelopes(spec.prefixedStreamingEnvelopes());
        }
        return server();
    }

    /** Seeds accounts, grants, mailboxes and appointments from a scenario document. */
    public void loadScenario(Specs.Scenario scenario) {
        if (scenario.server() != null) {
            updateServer(scenario.server());
        }
        if (scenario.accounts() != null) {
            for (Specs.AccountSpec account : scenario.accounts()) {
                if (account.username() == null) {
                    throw ControlException.badRequest("a scenario account needs a username");
                }
                putAccount(account.username(), account);
            }
        }
        if (scenario.mailboxes() != null) {
            for (Specs.MailboxSpec mailbox : scenario.mailboxes()) {
                putMailbox(mailbox.smtp(), mailbox);
            }
        }
    }

    /** Reads a scenario in JSON (a document starting with '{') or YAML. */
    public void loadScenario(InputStream in) {
        try {
            byte[] content = in.readAllBytes();
            String head = new String(content, 0, Math.min(content.length, 64), java.nio.charset.StandardCharsets.UTF_8).strip();
            var mapper = head.startsWith("{") ? ControlJson.MAPPER : ControlJson.YAML;
            loadScenario(mapper.readValue(content, Specs.Scenario.class));
        } catch (IOException e) {
            throw ControlException.badRequest("cannot read scenario: " + e.getMessage());
        }
    }

    public void loadScenario(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            loadScenario(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant originalStart(Appointment series, AppointmentSpec.OccurrenceSpec spec) {
        if (!series.recurring()) {
            throw ControlException.badRequest("occurrences need a recurring appointment");
        }
        if (spec.originalStart() != null) {
            return Instant.parse(spec.originalStart());
        }
        if (spec.index() == null || spec.index() < 1) {
            throw ControlException.badRequest("an occurrence needs originalStart or index (1-based)");
        }
        List<RecurrenceExpander.Slot> slots = RecurrenceExpander.firstSlots(series, spec.index());
        if (spec.index() > slots.size()) {
            throw ControlException.badRequest("the series has only " + slots.size() + " occurrences");
        }
        return slots.get(spec.index() - 1).originalStart();
    }

    private ServiceAccount account(String username) {
        ServiceAccount account = engine.accounts().find(username);
        if (account == null) {
            throw ControlException.notFound("account");
        }
        return account;
    }

    private Mailbox mailboxOf(String smtp) {
        Mailbox mailbox = engine.directory().find(smtp);
        if (mailbox == null) {
            throw ControlException.notFound("mailbox");
        }
        return mailbox;
    }

    /** Accepts ids in standard or URL-safe base64 (so clients need not percent-encode '/' and '+'). */
    private static String normaliseId(String itemId) {
        return itemId == null ? null : itemId.trim().replace('-', '+').replace('_', '/');
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw ControlException.badRequest(name + " must be positive");
        }
        return value;
    }

    private static Map<String, Object> accountJson(ServiceAccount account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", account.domain().isEmpty() ? account.user() : account.domain() + "\\" + account.user());
        json.put("maxConcurrency", account.maxConcurrency());
        json.put("budgetPerSecond", account.budgetPerSecond());
        json.put("burst", account.burst());
        json.put("impersonation", account.grants());
        return json;
    }

    private static Map<String, Object> mailboxJson(Mailbox mailbox) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("smtp", mailbox.smtpAddress());
        json.put("displayName", mailbox.displayName());
        json.put("timeZone", mailbox.timeZone().getId());
        json.put("calendarFolderId", mailbox.calendarFolderId());
        json.put("itemCount", mailbox.itemCount());
        return json;
    }

    private static Map<String, Object> instanceJson(CalendarInstance instance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("itemId", instance.itemId());
        json.put("changeKey", instance.changeKey());
        json.put("calendarItemType", instance.kind().wireName());
        json.put("seriesId", instance.master().itemId());
        json.put("originalStart", instance.originalStart() == null ? null : instance.originalStart().toString());
        json.put("start", instance.start().toString());
        json.put("end", instance.end().toString());
        json.put("subject", instance.subject());
        json.put("freeBusy", instance.freeBusy().wireName());
        json.put("sensitivity", instance.sensitivity().wireName());
        json.put("cancelled", instance.cancelled());
        json.put("allDay", instance.master().allDay());
        return json;
    }
}
