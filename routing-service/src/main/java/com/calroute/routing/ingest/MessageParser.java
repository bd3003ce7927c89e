package com.calroute.routing.ingest;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.Patterns;
import com.calroute.contracts.Topics;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.Sensitivity;
import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.users.UserMessage;
import com.calroute.routing.override.OverrideMessage;
import com.calroute.routing.status.Action;
import com.calroute.routing.status.ActionChoice;
import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.ManualOverride;
import com.calroute.routing.status.StatusSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates the values of the topics routing consumes. Anything it cannot trust — not JSON, the wrong
 * schema, a field the contract requires missing ({@link RequiredFields}), a field out of its contract, an item that
 * ends before it starts, a key that does not match the value — is a {@link PoisonMessageException}. Zero-length items are legal in Exchange (a reminder at 09:00) but cover
 * no time, so they are dropped rather than rejecting the whole calendar.
 */
public final class MessageParser {

    private static final List<BusyType> SETTING_TYPES =
            List.of(BusyType.TENTATIVE, BusyType.BUSY, BusyType.OOF, BusyType.WORKING_ELSEWHERE);

    private final ObjectMapper mapper;
    private final TopicNames topics;
    private final RequiredFields required = new RequiredFields();

    /** A parser for the given topic names, reading JSON with {@code mapper}. */
    public MessageParser(ObjectMapper mapper, TopicNames topics) {
        this.mapper = mapper;
        this.topics = topics;
    }

    /** Whether a string is an E.164 number. */
    public static boolean isE164(String number) {
        return Patterns.isE164(number);
    }

    /** The update a record of {@code topic} stands for; {@code value == null} is a tombstone. */
    public Update parse(String topic, String key, String value) throws PoisonMessageException {
        if (key == null || key.isBlank()) {
            throw new PoisonMessageException("record has no key");
        }
        if (topic.equals(topics.tenants())) {
            return value == null ? new Update.TenantRemoved(key) : tenant(key, value);
        }
        requireUserKey(key);
        if (topic.equals(topics.users())) {
            return value == null ? new Update.UserRemoved(key) : user(key, value);
        }
        if (topic.equals(topics.calendar())) {
            return value == null ? new Update.CalendarRemoved(key) : calendar(key, value);
        }
        if (topic.equals(topics.overrides())) {
            return value == null ? new Update.OverrideRemoved(key) : override(key, value);
        }
        if (topic.equals(topics.status())) {
            return new Update.StatusSeen(key, value == null ? null : status(key, value));
        }
        throw new IllegalArgumentException("not a topic routing parses: " + topic);
    }

    private Update user(String key, String value) throws PoisonMessageException {
        UserMessage m = read(value, UserMessage.class, UserMessage.SCHEMA);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        if (m.email() == null || !m.email().contains("@")) {
            throw new PoisonMessageException("email missing or not an address");
        }
        if (!isE164(m.mobileNumber())) {
            throw new PoisonMessageException("mobileNumber is not E.164");
        }
        if (m.statusSettings() == null) {
            throw new PoisonMessageException("statusSettings missing");
        }
        Map<FreeBusy, ActionChoice> choices = new EnumMap<>(FreeBusy.class);
        for (BusyType type : SETTING_TYPES) {
            ActionSetting setting = m.statusSettings().get(type);
            if (setting == null || setting.action() == null) {
                throw new PoisonMessageException("statusSettings." + type + " missing");
            }
            choices.put(FreeBusy.valueOf(type.name()), choice(setting.action(), setting.target(),
                    "statusSettings." + type));
        }
        LinkedLogin login = m.login();
        if (login != null && (login.issuer() == null || login.issuer().isBlank()
                || login.subject() == null || login.subject().isBlank())) {
            throw new PoisonMessageException("login without issuer or subject");
        }
        return new Update.UserChanged(key, m.version(), m.tenantId(), m.userId(), login, m.mobileNumber(),
                new StatusSettings(choices));
    }

    private Update calendar(String key, String value) throws PoisonMessageException {
        CalendarMessage m = read(value, CalendarMessage.class, CalendarMessage.SCHEMA);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        if (m.windowStart() == null || m.windowEnd() == null || !m.windowStart().isBefore(m.windowEnd())) {
            throw new PoisonMessageException("windowStart/windowEnd missing or inverted");
        }
        if (m.items() == null) {
            throw new PoisonMessageException("items missing");
        }
        List<Appointment> appointments = new ArrayList<>(m.items().size());
        for (int i = 0; i < m.items().size(); i++) {
            Appointment appointment = appointment(m.items().get(i), "items[" + i + "]");
            if (appointment != null) {
                appointments.add(appointment);
            }
        }
        return new Update.CalendarChanged(key, m.version(),
                new CalendarSnapshot(m.windowStart(), m.windowEnd(), m.syncEnabled(), appointments));
    }

    private static Appointment appointment(CalendarItem item, String field) throws PoisonMessageException {
        if (item == null || item.itemId() == null || item.itemId().isEmpty() || item.busyType() == null
                || item.start() == null || item.end() == null) {
            throw new PoisonMessageException(field + ": itemId, start, end or busyType missing");
        }
        if (item.end().isBefore(item.start())) {
            throw new PoisonMessageException(field + " ends before it starts");
        }
        if (item.allDay() && (item.startDate() == null || item.endDate() == null)) {
            throw new PoisonMessageException(field + " is all-day without startDate/endDate");
        }
        if (item.allDay() && item.endDate().isBefore(item.startDate())) {
            throw new PoisonMessageException(field + " ends before it starts (local dates)");
        }
        boolean zeroLength = item.allDay() ? item.endDate().equals(item.startDate()) : item.end().equals(item.start());
        if (zeroLength) {
            return null;
        }
        // Subjects of Normal items only: the compacted topic may still hold snapshots from before sync stopped sharing
        // Personal and Confidential subjects, and timelines and reason.subject must never show those.
        return new Appointment(item.itemId(), item.start(), item.end(), item.allDay(), item.startDate(),
                item.endDate(), zoneOrNull(item.timeZone()), FreeBusy.valueOf(item.busyType().name()),
                item.cancelled(), item.sensitivity() == Sensitivity.NORMAL ? item.subject() : null);
    }

    /** An item's zone as Exchange revealed it; one Java does not know falls back to the tenant's zone. */
    private static ZoneId zoneOrNull(String zone) {
        if (zone == null || zone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private Update tenant(String key, String value) throws PoisonMessageException {
        TenantMessage m = read(value, TenantMessage.class, TenantMessage.SCHEMA);
        requireVersion(m.version());
        if (m.tenantId() == null || !m.tenantId().equals(key) || !Patterns.isTenantId(key)) {
            throw new PoisonMessageException("tenantId does not match the key or is not a tenant slug");
        }
        if (!isE164(m.switchboardNumber())) {
            throw new PoisonMessageException("switchboardNumber is not E.164");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(m.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new PoisonMessageException("timeZone is not an IANA zone");
        }
        ForwardTargets.Policy policy = m.forwardPolicy();
        if (policy != null && (policy.countryCode() == null || !policy.countryCode().startsWith("+"))) {
            throw new PoisonMessageException("forwardPolicy.countryCode is not a country code");
        }
        return new Update.TenantChanged(key, m.version(), zone, m.switchboardNumber(),
                policy == null ? ForwardTargets.Policy.NATIONAL_ONLY : policy);
    }

    private Update override(String key, String value) throws PoisonMessageException {
        OverrideMessage m = read(value, OverrideMessage.class, OverrideMessage.SCHEMA);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        if (m.action() == null || m.since() == null || m.until() == null || !m.since().isBefore(m.until())) {
            throw new PoisonMessageException("action, since or until missing, or until not after since");
        }
        return new Update.OverrideChanged(key, m.version(),
                new ManualOverride(choice(m.action(), m.target(), "target"), m.since(), m.until()));
    }

    private StatusMessage status(String key, String value) throws PoisonMessageException {
        StatusMessage m = read(value, StatusMessage.class, StatusMessage.SCHEMA);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        return m;
    }

    private static ActionChoice choice(CallAction action, String target, String field) throws PoisonMessageException {
        if (action == CallAction.FORWARD && !isE164(target)) {
            throw new PoisonMessageException(field + ": FORWARD needs an E.164 target");
        }
        return new ActionChoice(Action.valueOf(action.name()), target);
    }

    /** The value as {@code type}, once it is a JSON object of {@code schema} with every field that contract requires. */
    private <T> T read(String value, Class<T> type, String schema) throws PoisonMessageException {
        try {
            JsonNode tree = mapper.readTree(value);
            if (tree == null || !tree.isObject()) {
                throw new PoisonMessageException("not a valid " + type.getSimpleName() + " JSON value: not an object");
            }
            JsonNode declared = tree.get("schema");
            requireSchema(declared == null || declared.isNull() ? null : declared.asText(), schema);
            Optional<String> missing = required.missing(schema, tree);
            if (missing.isPresent()) {
                throw new PoisonMessageException(missing.get() + " missing");
            }
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            // The parser's own location text, never the payload: values may hold personal data.
            throw new PoisonMessageException("not a valid " + type.getSimpleName() + " JSON value: "
                    + e.getOriginalMessage().split("\n")[0]);
        }
    }

    private static void requireSchema(String actual, String expected) throws PoisonMessageException {
        if (!expected.equals(actual)) {
            throw new PoisonMessageException("schema is " + actual + ", expected " + expected);
        }
    }

    private static void requireVersion(long version) throws PoisonMessageException {
        if (version < 1) {
            throw new PoisonMessageException("version must be at least 1");
        }
    }

    private static void requireUserKey(String key) throws PoisonMessageException {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new PoisonMessageException("key is not tenantId/userId");
        }
    }

    private static void requireKeyMatches(String key, String tenantId, String userId) throws PoisonMessageException {
        if (tenantId == null || userId == null || !key.equals(Topics.userKey(tenantId, userId))
                || !Patterns.isTenantId(tenantId)) {
            throw new PoisonMessageException("tenantId/userId do not match the key");
        }
    }
}
