package com.calroute.routing.ingest;

import com.calroute.contracts.Topics;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.WorkingHours;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields each contract requires, read from the JSON schemas in the contracts jar. Jackson gives an absent
 * boolean or number its default — a calendar without {@code syncEnabled} would read as an opt-out and route the
 * user AVAILABLE — so {@link MessageParser} checks presence here before it reads a value into its record; its own
 * field checks do the rest. Presence only, not a full schema validation, to keep the start-up replay cheap.
 * The same lists also mark the contracts' record components as required ({@link #asRequiredMarkers}), so that a
 * value can be bound in one pass and refused there when it lacks one. Immutable once built, so the threads that
 * parse a replay's batch share one.
 */
public final class RequiredFields {

    private final Map<String, List<String>> topLevel;
    private final List<String> calendarItem;
    private final List<String> workingHoursPeriod;

    /** Reads the required lists of users, tenants, calendar and status from the classpath. */
    public RequiredFields() {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> required = new HashMap<>();
        for (String topic : List.of(Topics.USERS, Topics.TENANTS, Topics.CALENDAR, Topics.STATUS)) {
            required.put(topic, names(schema(json, topic).path("required")));
        }
        topLevel = Map.copyOf(required);
        calendarItem = names(schema(json, Topics.CALENDAR).path("$defs").path("item").path("required"));
        // Jackson reads a missing startMinute as 0, which is midnight: a period must say where it starts.
        workingHoursPeriod = names(schema(json, Topics.CALENDAR).path("properties").path("workingHours").path("oneOf")
                .path(1).path("properties").path("periods").path("items").path("required"));
        if (workingHoursPeriod.isEmpty()) {
            throw new IllegalStateException("the calendar contract names no required fields of a working-hours period");
        }
    }

    /** The first required field {@code value} of the contract {@code topic} lacks (null counts as present). */
    public Optional<String> missing(String topic, JsonNode value) {
        for (String field : topLevel.getOrDefault(topic, List.of())) {
            if (!value.has(field)) {
                return Optional.of(field);
            }
        }
        if (topic.equals(Topics.CALENDAR) && value.path("items").isArray()) {
            JsonNode items = value.path("items");
            for (int i = 0; i < items.size(); i++) {
                for (String field : calendarItem) {
                    if (items.get(i).isObject() && !items.get(i).has(field)) {
                        return Optional.of("items[" + i + "]." + field);
                    }
                }
            }
        }
        JsonNode periods = value.path("workingHours").path("periods");
        if (topic.equals(Topics.CALENDAR) && periods.isArray()) {
            for (int i = 0; i < periods.size(); i++) {
                for (String field : workingHoursPeriod) {
                    if (periods.get(i).isObject() && !periods.get(i).has(field)) {
                        return Optional.of("workingHours.periods[" + i + "]." + field);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * These lists as Jackson's "required" marks on the contracts' records (their canonical constructors' parameters,
     * fields and accessors): a mapper given them refuses, as it binds, a value lacking a field its contract requires,
     * where it would otherwise read the field's default.
     */
    public AnnotationIntrospector asRequiredMarkers() {
        Map<Class<?>, List<String>> byRecord = byRecord();
        return new NopAnnotationIntrospector() {
            @Override
            public Boolean hasRequiredMarker(AnnotatedMember member) {
                List<String> required = byRecord.get(member.getDeclaringClass());
                return required != null && required.contains(componentName(member)) ? Boolean.TRUE : null;
            }
        };
    }

    /** The required fields of each contract record this class checks. */
    Map<Class<?>, List<String>> byRecord() {
        return Map.of(
                UserMessage.class, topLevel.get(Topics.USERS),
                TenantMessage.class, topLevel.get(Topics.TENANTS),
                CalendarMessage.class, topLevel.get(Topics.CALENDAR),
                StatusMessage.class, topLevel.get(Topics.STATUS),
                CalendarItem.class, calendarItem,
                WorkingHours.Period.class, workingHoursPeriod);
    }

    /** The record component a member stands for: a constructor parameter has no name of its own until it is bound. */
    private static String componentName(AnnotatedMember member) {
        Class<?> type = member.getDeclaringClass();
        if (member instanceof AnnotatedParameter parameter) {
            RecordComponent[] components = type.getRecordComponents();
            return components != null && parameter.getOwner().getParameterCount() == components.length
                    ? components[parameter.getIndex()].getName() : null;
        }
        return member.getName();
    }

    private static JsonNode schema(ObjectMapper json, String topic) {
        String resource = "calroute/schemas/" + topic + ".json";
        try (InputStream in = RequiredFields.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract schema missing from the classpath: " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonNode required) {
        List<String> names = new ArrayList<>();
        required.forEach(name -> names.add(name.asText()));
        return List.copyOf(names);
    }
}
