package com.calroute.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The golden sample messages shipped with the contracts, so producer and consumer tests read the very same
 * bytes. Each sample is a complete, schema-valid value of its topic.
 */
public final class GoldenSamples {

    /** Every sample, as {@code topic -> file names}, in one place so the contract test covers them all. */
    public static final List<Sample> ALL = List.of(
            new Sample(Topics.USERS, "users-enrolled.json"),
            new Sample(Topics.USERS, "users-new-default.json"),
            new Sample(Topics.TENANTS, "tenants-ews.json"),
            new Sample(Topics.TENANTS, "tenants-unconfigured.json"),
            new Sample(Topics.CALENDAR, "calendar-snapshot.json"),
            new Sample(Topics.CALENDAR, "calendar-opted-out.json"),
            new Sample(Topics.CALENDAR, "calendar-subject-shared.json"),
            new Sample(Topics.STATUS, "status-busy.json"),
            new Sample(Topics.STATUS, "status-oof-forward.json"),
            new Sample(Topics.STATUS, "status-available.json"),
            new Sample(Topics.STATUS, "status-override.json"));

    private GoldenSamples() {
    }

    /** A golden sample: the topic it belongs to and its file under {@code calroute/samples/}. */
    public record Sample(String topic, String file) {

        /** The sample's JSON text. */
        public String json() {
            return read("calroute/samples/" + file);
        }
    }

    /** The JSON text of a sample by file name. */
    public static String json(String file) {
        return read("calroute/samples/" + file);
    }

    /** The JSON schema of a topic, e.g. {@code calroute.users.v1}. */
    public static String schemaOf(String topic) {
        return read("calroute/schemas/" + topic + ".json");
    }

    static String read(String resource) {
        try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
