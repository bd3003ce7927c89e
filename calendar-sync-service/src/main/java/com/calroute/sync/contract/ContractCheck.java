package com.calroute.sync.contract;

import com.calroute.contracts.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a value may be applied: it is JSON, its {@code schema} is the topic's, it is valid against the topic's
 * contract schema shipped in the contracts jar, and its ids match the record key. The contract schema, not a
 * hand-written field list, because sync reads these values into records whose primitives silently default
 * (a missing {@code syncEnabled} would read as an opt-out) and the schema is the one definition producers'
 * tests already check. Reasons name fields and rules, never values: values hold personal data.
 */
public final class ContractCheck {

    private static final String SCHEMA_BASE = "https://calroute.example/schemas/";
    private static final int MAX_REASONS = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonSchema> schemas;

    /** Loads the schemas of the topics sync consumes. */
    public ContractCheck() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:calroute/schemas/")));
        // Formats stay annotations (the 2020-12 default): the validator's e-mail format checks the domain against
        // its own list of top-level domains, and a customer's new one must not cost a user their routing. Every
        // field sync relies on is constrained by a pattern, type or enum, which are asserted.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
        this.schemas = Map.of(
                Topics.USERS, factory.getSchema(SchemaLocation.of(SCHEMA_BASE + Topics.USERS + ".json"), config),
                Topics.TENANTS, factory.getSchema(SchemaLocation.of(SCHEMA_BASE + Topics.TENANTS + ".json"), config),
                Topics.CALENDAR, factory.getSchema(SchemaLocation.of(SCHEMA_BASE + Topics.CALENDAR + ".json"), config));
        // Resolve the shared definitions now, not on the first record.
        schemas.values().forEach(JsonSchema::initializeValidators);
    }

    /** Why the non-null {@code value} of {@code key} on {@code topic} must not be applied; empty when it may. */
    public Optional<String> violation(String topic, String key, String value) {
        JsonSchema schema = schemas.get(topic);
        if (schema == null) {
            throw new IllegalArgumentException("not a topic sync consumes: " + topic);
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            // The parser's own location text, never the payload.
            return Optional.of("not JSON: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (node == null || !node.isObject()) {
            return Optional.of("not a JSON object");
        }
        JsonNode declared = node.get("schema");
        if (declared == null || !declared.isTextual() || !declared.asText().equals(topic)) {
            return Optional.of("schema is " + describe(declared) + ", expected " + topic);
        }
        List<String> messages = schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
        if (!messages.isEmpty()) {
            return Optional.of(messages.stream().limit(MAX_REASONS).collect(Collectors.joining("; "))
                    + (messages.size() > MAX_REASONS ? "; and " + (messages.size() - MAX_REASONS) + " more" : ""));
        }
        String expectedKey = topic.equals(Topics.TENANTS) ? node.get("tenantId").asText()
                : Topics.userKey(node.get("tenantId").asText(), node.get("userId").asText());
        if (!expectedKey.equals(key)) {
            return Optional.of(topic.equals(Topics.TENANTS) ? "tenantId does not match the key"
                    : "tenantId/userId do not match the key");
        }
        return Optional.empty();
    }

    /** The declared schema in a reason: a schema name is not personal data, but it is cut short all the same. */
    private static String describe(JsonNode declared) {
        if (declared == null || declared.isNull()) {
            return "missing";
        }
        String text = declared.isTextual() ? declared.asText() : declared.getNodeType().name().toLowerCase();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
