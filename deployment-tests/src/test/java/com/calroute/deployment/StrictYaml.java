package com.calroute.deployment;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** YAML to JSON trees, refusing duplicate keys (a silent "last one wins" hides copy-paste mistakes). */
final class StrictYaml {

    static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private StrictYaml() {
    }

    /** Every non-empty document of a YAML stream, in order. */
    static List<JsonNode> documents(String yaml, String source) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(source + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static JsonNode single(String yaml, String source) {
        List<JsonNode> documents = documents(yaml, source);
        if (documents.size() != 1) {
            throw new AssertionError(source + " should hold exactly one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }
}
