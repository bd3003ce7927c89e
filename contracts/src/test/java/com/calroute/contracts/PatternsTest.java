package com.calroute.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The patterns the services check with are the schema's, and accept exactly what the schema accepts. */
class PatternsTest {

    private static final String BASE = "https://calroute.example/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:calroute/schemas/")));

    @Test
    void arePatternsOfCommonDefs() throws Exception {
        JsonNode defs = new ObjectMapper().readTree(GoldenSamples.read("calroute/schemas/common.defs.json"))
                .get("$defs");
        assertThat(Patterns.E164.pattern()).isEqualTo(defs.at("/e164/pattern").asText())
                .isEqualTo("^\\+[1-9]\\d{6,14}$");
        assertThat(Patterns.TENANT_ID.pattern()).isEqualTo(defs.at("/tenantId/pattern").asText())
                .isEqualTo("^[a-z0-9][a-z0-9-]{1,62}$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+4791234567", "+1234567", "+123456789012345", "+1234567890123456", "+123456",
            "+0471234567", "4791234567", "+47 91234567", "+47912345x7", "", "\uFF0B4791234567", "+٤٧٩١٢٣٤٥٦٧"})
    void e164AgreesWithTheSchema(String value) throws Exception {
        assertAgree("e164", value, Patterns::isE164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme-as", "a1", "9lives", "a", "-acme", "Acme", "acme_as", "acme as",
            "aæ", "a123456789012345678901234567890123456789012345678901234567890123",
            "a12345678901234567890123456789012345678901234567890123456789012"})
    void tenantIdAgreesWithTheSchema(String value) throws Exception {
        assertAgree("tenantId", value, Patterns::isTenantId);
    }

    /**
     * The schema means ECMA-262 {@code $}, the very end; a validator on JDK regex searching with {@code find()} also
     * lets {@code $} match before a final newline, so these are checked apart: the services match whole strings.
     */
    @Test
    void aTrailingNewlineIsNeither() {
        assertThat(Patterns.isE164("+4791234567\n")).isFalse();
        assertThat(Patterns.isTenantId("acme\n")).isFalse();
    }

    @Test
    void nullIsNeither() {
        assertThat(Patterns.isE164(null)).isFalse();
        assertThat(Patterns.isTenantId(null)).isFalse();
    }

    private static void assertAgree(String definition, String value, Predicate<String> check) throws Exception {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + "common.defs.json#/$defs/" + definition));
        String json = new ObjectMapper().writeValueAsString(value);
        boolean schemaAccepts = schema.validate(json, InputFormat.JSON).isEmpty();
        assertThat(check.test(value)).as("%s %s (schema accepts: %s)", definition, json, schemaAccepts)
                .isEqualTo(schemaAccepts);
    }
}
