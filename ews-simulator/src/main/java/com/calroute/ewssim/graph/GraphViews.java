package com.calroute.ewssim.graph;

import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.Mailbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-delta calendar reads: {@code /users/{id}/calendarView} and {@code /users/{id}/calendar/calendarView}
 * (the window's singles, occurrences and exceptions, by start; Microsoft's "List calendarView") and
 * {@code /users/{id}/events} (singles and series masters, never occurrences; "List events"). Pages of {@code $top}
 * (default 10, at most 1000) with an {@code @odata.nextLink} carrying {@code $skip} while more follow.
 */
final class GraphViews {
    private static final int DEFAULT_TOP = 10;
    private static final int MAX_TOP = 1000;

    private GraphViews() {
    }

    static Map<String, Object> calendarView(Mailbox box, Instant from, Instant to, Map<String, String> query,
            String selfUrl, GraphEvents.OutputZone output) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (CalendarInstance instance : box.calendarView(from, to)) {
            events.add(GraphEvents.event(box, instance, output));
        }
        return page(events, query, selfUrl, "users('" + box.smtpAddress() + "')/calendarView");
    }

    static Map<String, Object> events(Mailbox box, Map<String, String> query, String selfUrl,
            GraphEvents.OutputZone output) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Appointment item : box.items()) {
            events.add(GraphEvents.event(box, Mailbox.single(item), output));
        }
        return page(events, query, selfUrl, "users('" + box.smtpAddress() + "')/events");
    }

    private static Map<String, Object> page(List<Map<String, Object>> events, Map<String, String> query, String selfUrl,
            String context) {
        int top = number(query.get("$top"), DEFAULT_TOP, 1, MAX_TOP);
        int skip = number(query.get("$skip"), 0, 0, Integer.MAX_VALUE);
        int from = Math.min(skip, events.size());
        int to = Math.min(events.size(), from + top);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + context);
        page.put("value", events.subList(from, to));
        if (to < events.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("$top", Integer.toString(top));
            next.put("$skip", Integer.toString(to));
            StringBuilder link = new StringBuilder(selfUrl).append('?');
            next.forEach((name, value) -> link.append(link.charAt(link.length() - 1) == '?' ? "" : "&")
                    .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            page.put("@odata.nextLink", link.toString());
        }
        return page;
    }

    private static int number(String text, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            throw GraphEndpoint.GraphError.graph(400, "BadRequest", "Invalid value '" + text + "' for a paging parameter.");
        }
    }
}
