package com.calroute.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates message values against the JSON schemas shipped in the contracts jar ({@code calroute/schemas/} on
 * the classpath), so producers' and consumers' tests check the same contract.
 */
public final class ContractSchemas {

    private static final String SCHEMA_BASE = "https://calroute.example/schemas/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:calroute/schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractSchemas() {
    }

    /** The violations of {@code json} against the schema of {@code topic}; empty when valid. */
    public static List<String> violations(String topic, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(topic,
                t -> FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + t + ".json"), CONFIG));
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Throws an {@link AssertionError} listing every violation unless {@code json} is valid for {@code topic}. */
    public static void assertValid(String topic, String json) {
        List<String> violations = violations(topic, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid " + topic + " value: " + violations + "\n" + json);
        }
    }

    /** Parses JSON for tree comparisons in tests. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
