package com.calroute.routing.ingest;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.Patterns;
import com.calroute.contracts.Topics;
import com.calroute.contracts.calendar.AutomaticReplies;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.Sensitivity;
import com.calroute.contracts.calendar.WorkingHours;
import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.tenants.ItemCodes;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.users.UserMessage;
import com.calroute.routing.contract.ContractTypes;
import com.calroute.routing.status.ActionChoice;
import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.ItemMeanings;
import com.calroute.routing.status.ManualOverride;
import com.calroute.routing.status.AwayReplies;
import com.calroute.routing.status.Response;
import com.calroute.routing.status.StatusSettings;
import com.calroute.routing.status.UnansweredInvitations;
import com.calroute.routing.status.WorkingWeek;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the values of the topics routing consumes. Anything it cannot trust — not JSON, the wrong
 * schema, a field the contract requires missing ({@link RequiredFields}), a field out of its contract, an item that
 * ends before it starts, a key that does not match the value — is a {@link PoisonMessageException}. Zero-length items are legal in Exchange (a reminder at 09:00) but cover
 * no time, so they are dropped rather than rejecting the whole calendar.
 *
 * <p>Safe to call from several threads at once, as {@link BatchIngest} does during the replay: it holds nothing but a
 * configured {@link ObjectMapper}, readers made from it and the immutable {@link RequiredFields}.
 */
public final class MessageParser {

    private final ObjectMapper mapper;
    private final TopicNames topics;
    private final RequiredFields required = new RequiredFields();
    /** {@code mapper} with the contracts' required fields marked, a reader per value type. */
    private final Map<Class<?>, ObjectReader> oneReaderPerType;

    /** A parser for the given topic names, reading JSON with {@code mapper}. */
    public MessageParser(ObjectMapper mapper, TopicNames topics) {
        this.mapper = mapper;
        this.topics = topics;
        ObjectMapper marked = mapper.copy();
        marked.setAnnotationIntrospector(AnnotationIntrospector.pair(required.asRequiredMarkers(),
                mapper.getDeserializationConfig().getAnnotationIntrospector()));
        this.oneReaderPerType = Map.of(
                UserMessage.class, marked.readerFor(UserMessage.class),
                CalendarMessage.class, marked.readerFor(CalendarMessage.class),
                TenantMessage.class, marked.readerFor(TenantMessage.class),
                OverrideMessage.class, marked.readerFor(OverrideMessage.class),
                StatusMessage.class, marked.readerFor(StatusMessage.class));
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
        UserMessage m = read(value, UserMessage.class, UserMessage.SCHEMA, UserMessage::schema);
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
        for (BusyType type : BusyType.ROUTABLE) {
            ActionSetting setting = m.statusSettings().get(type);
            if (setting == null || setting.action() == null) {
                throw new PoisonMessageException("statusSettings." + type + " missing");
            }
            choices.put(ContractTypes.freeBusy(type), choice(setting.action(), setting.target(),
                    "statusSettings." + type));
        }
        LinkedLogin login = m.login();
        if (login != null && (login.issuer() == null || login.issuer().isBlank()
                || login.subject() == null || login.subject().isBlank())) {
            throw new PoisonMessageException("login without issuer or subject");
        }
        ActionSetting outside = m.outsideWorkingHours();
        if (outside != null && outside.action() == null) {
            throw new PoisonMessageException("outsideWorkingHours.action missing");
        }
        return new Update.UserChanged(key, m.version(), m.tenantId(), m.userId(), login, m.mobileNumber(),
                new StatusSettings(choices, m.unansweredInvitations() == null ? null
                        : UnansweredInvitations.valueOf(m.unansweredInvitations().name()),
                        outside == null ? null : choice(outside.action(), outside.target(), "outsideWorkingHours")),
                callerRules(m.priorityCallers(), m.colleaguesRingThrough()), m.displayName(),
                !Boolean.FALSE.equals(m.announcement()));
    }

    /** Whose calls ring through; absent (from producers that predate them) means no one. */
    private static CallerRules callerRules(List<String> priorityCallers, Boolean colleagues)
            throws PoisonMessageException {
        if (priorityCallers == null && colleagues == null) {
            return CallerRules.NONE;
        }
        List<String> numbers = priorityCallers == null ? List.of() : priorityCallers;
        if (numbers.size() > UserMessage.MAX_PRIORITY_CALLERS) {
            throw new PoisonMessageException("priorityCallers holds more than " + UserMessage.MAX_PRIORITY_CALLERS
                    + " numbers");
        }
        for (int i = 0; i < numbers.size(); i++) {
            if (!isE164(numbers.get(i))) {
                throw new PoisonMessageException("priorityCallers[" + i + "] is not E.164");
            }
        }
        if (new HashSet<>(numbers).size() != numbers.size()) {
            throw new PoisonMessageException("priorityCallers lists a number twice");
        }
        return new CallerRules(Set.copyOf(numbers), Boolean.TRUE.equals(colleagues));
    }

    private Update calendar(String key, String value) throws PoisonMessageException {
        CalendarMessage m = read(value, CalendarMessage.class, CalendarMessage.SCHEMA, CalendarMessage::schema);
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
        WorkingWeek workingWeek = workingWeek(m.workingHours());
        return new Update.CalendarChanged(key, m.version(),
                new CalendarSnapshot(m.windowStart(), m.windowEnd(), m.syncEnabled(), appointments,
                        awayReplies(m.automaticReplies()), workingWeek), m.automaticReplies() != null,
                workingWeek != null);
    }

    /**
     * The mailbox's working hours, or null when they are not known: absent, in a zone this Java does not know, or
     * with no period that covers any time. Such a value is never "outside working hours all week": that would send
     * every call away on a reading nobody meant. A period that ends before it starts covers no time and is dropped,
     * as zero-length items are; what breaks the contract's schema poisons the calendar.
     */
    private static WorkingWeek workingWeek(WorkingHours hours) throws PoisonMessageException {
        if (hours == null) {
            return null;
        }
        if (hours.timeZone() == null || hours.timeZone().isBlank() || hours.periods() == null) {
            throw new PoisonMessageException("workingHours without timeZone or periods");
        }
        if (hours.periods().size() > 7) {
            throw new PoisonMessageException("workingHours has more than 7 periods");
        }
        List<WorkingWeek.Period> periods = new ArrayList<>();
        for (int i = 0; i < hours.periods().size(); i++) {
            WorkingHours.Period period = hours.periods().get(i);
            String field = "workingHours.periods[" + i + "]";
            if (period == null || period.days() == null || period.days().isEmpty() || period.days().contains(null)) {
                throw new PoisonMessageException(field + ": days missing");
            }
            if (period.startMinute() < 0 || period.startMinute() > 1439 || period.endMinute() < 1
                    || period.endMinute() > WorkingWeek.Period.MIDNIGHT) {
                throw new PoisonMessageException(field + ": startMinute or endMinute out of range");
            }
            if (period.startMinute() < period.endMinute()) {
                periods.add(new WorkingWeek.Period(EnumSet.copyOf(period.days()), period.startMinute(),
                        period.endMinute()));
            }
        }
        ZoneId zone = zoneOrNull(hours.timeZone());
        return zone == null || periods.isEmpty() ? null : new WorkingWeek(zone, periods);
    }

    /** When the automatic replies make the user away; null when off or not known. */
    private static AwayReplies awayReplies(AutomaticReplies replies) throws PoisonMessageException {
        if (replies == null || replies.state() == null || replies.state() == AutomaticReplies.State.OFF) {
            if (replies != null && replies.state() == null) {
                throw new PoisonMessageException("automaticReplies.state missing");
            }
            return null;
        }
        if (replies.state() == AutomaticReplies.State.ON) {
            return AwayReplies.alwaysOn();
        }
        if (replies.start() == null || replies.end() == null || !replies.start().isBefore(replies.end())) {
            throw new PoisonMessageException("scheduled automaticReplies without a start before their end");
        }
        return new AwayReplies(replies.start(), replies.end());
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
                item.endDate(), zoneOrNull(item.timeZone()), ContractTypes.freeBusy(item.busyType()),
                item.cancelled(), item.sensitivity() == Sensitivity.NORMAL ? item.subject() : null,
                item.response() == null ? null : Response.valueOf(item.response().name()))
                .labelled(bounded(item.subjectCode(), ItemCodes.MAX_CODE_LENGTH),
                        ItemCodes.DIVERT_MARK.equals(item.subjectCodeMark()) || ItemCodes.SHOW_ONLY_MARK.equals(
                                item.subjectCodeMark()) ? item.subjectCodeMark() : null,
                        bounded(item.category(), ItemCodes.MAX_CATEGORY_LENGTH));
    }

    /** A code or category name within its contract's bound; anything longer cannot be one the tenant defines. */
    private static String bounded(String text, int max) {
        return text == null || text.isEmpty() || text.length() > max ? null : text;
    }

    /** What the tenant's subject codes and categories mean; absent (older producers) or empty: none. */
    private static ItemMeanings meanings(ItemCodes codes) {
        if (codes == null || codes.isEmpty()) {
            return ItemMeanings.NONE;
        }
        Map<String, FreeBusy> byCode = new HashMap<>();
        for (ItemCodes.SubjectCode code : codes.codes()) {
            if (code != null && code.code() != null && code.busyType() != null && code.busyType() != BusyType.FREE) {
                byCode.putIfAbsent(code.code(), ContractTypes.freeBusy(code.busyType()));
            }
        }
        Map<String, ItemMeanings.Meaning> byCategory = new HashMap<>();
        for (ItemCodes.CategoryRule category : codes.categories()) {
            if (category != null && category.name() != null && category.busyType() != null
                    && category.busyType() != BusyType.FREE) {
                byCategory.putIfAbsent(category.name(), ItemMeanings.category(
                        ContractTypes.freeBusy(category.busyType()), category.diverts()));
            }
        }
        return new ItemMeanings(byCode, byCategory);
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
        TenantMessage m = read(value, TenantMessage.class, TenantMessage.SCHEMA, TenantMessage::schema);
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
        if (m.country() != null && !Patterns.isCountry(m.country())) {
            throw new PoisonMessageException("country is not an ISO 3166-1 alpha-2 code");
        }
        return new Update.TenantChanged(key, m.version(), zone, m.switchboardNumber(),
                policy == null ? ForwardTargets.Policy.NATIONAL_ONLY : policy,
                m.country() == null ? Patterns.DEFAULT_COUNTRY : m.country(), meanings(m.itemCodes()));
    }

    private Update override(String key, String value) throws PoisonMessageException {
        OverrideMessage m = read(value, OverrideMessage.class, OverrideMessage.SCHEMA, OverrideMessage::schema);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        if (m.action() == null || m.since() == null || m.until() == null || !m.since().isBefore(m.until())) {
            throw new PoisonMessageException("action, since or until missing, or until not after since");
        }
        return new Update.OverrideChanged(key, m.version(),
                new ManualOverride(choice(m.action(), m.target(), "target"), m.since(), m.until()));
    }

    private StatusMessage status(String key, String value) throws PoisonMessageException {
        StatusMessage m = read(value, StatusMessage.class, StatusMessage.SCHEMA, StatusMessage::schema);
        requireVersion(m.version());
        requireKeyMatches(key, m.tenantId(), m.userId());
        return m;
    }

    private static ActionChoice choice(CallAction action, String target, String field) throws PoisonMessageException {
        if (action.lacksTarget(target)) {
            throw new PoisonMessageException(field + ": FORWARD needs an E.164 target");
        }
        return new ActionChoice(ContractTypes.action(action), target);
    }

    /**
     * The value as {@code type}, once it is a JSON object of {@code schema} with every field that contract requires.
     * Bound in one pass, the contract's required fields marked ({@link RequiredFields#asRequiredMarkers}); a value
     * that pass refuses or that declares another schema is read again the checked way, which names the first fault
     * as it always did (not an object, the schema, a missing field, then the binding's own).
     */
    private <T> T read(String value, Class<T> type, String schema, Function<T, String> schemaOf)
            throws PoisonMessageException {
        try {
            T bound = oneReaderPerType.get(type).readValue(value);
            if (bound != null && schema.equals(schemaOf.apply(bound))) {
                return bound;
            }
        } catch (JsonProcessingException e) {
            // Read again below, for the reason.
        }
        return readChecked(value, type, schema);
    }

    /** {@link #read} in two passes: the tree, its schema and the required fields checked, then the binding. */
    private <T> T readChecked(String value, Class<T> type, String schema) throws PoisonMessageException {
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
