package com.calroute.config.enrolment;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.users.ActionSetting;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Stores a user's status settings as the same JSON object the users.v1 message carries. */
@Converter
public class StatusSettingsColumn implements AttributeConverter<Map<BusyType, ActionSetting>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<EnumMap<BusyType, ActionSetting>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<BusyType, ActionSetting> settings) {
        try {
            return JSON.writeValueAsString(new EnumMap<>(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store status settings", e);
        }
    }

    @Override
    public Map<BusyType, ActionSetting> convertToEntityAttribute(String column) {
        try {
            return Collections.unmodifiableMap(JSON.readValue(column, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored status settings are not readable", e);
        }
    }
}
