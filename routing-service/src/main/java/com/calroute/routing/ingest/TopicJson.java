package com.calroute.routing.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/** The JSON mapping of the topics routing reads and writes. */
public final class TopicJson {

    private TopicJson() {
    }

    /** Instants of the plain shape through {@link IsoInstants}; everything else as JavaTimeModule reads it. */
    static final class PlainInstants extends StdScalarDeserializer<Instant> {

        PlainInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant plain = IsoInstants.parsePlain(parser.getText());
                if (plain != null) {
                    return plain;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /** A new mapper: ISO instants, unknown fields ignored (newer producers may add some), nulls for primitives refused. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("plain-instants").addDeserializer(Instant.class, new PlainInstants()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
