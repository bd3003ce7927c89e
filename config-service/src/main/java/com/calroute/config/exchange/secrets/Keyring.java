package com.calroute.config.exchange.secrets;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AES-256 keys stored secrets are encrypted under, by key id, and the active one new secrets use. Old keys stay
 * in the ring after a rotation until every secret has been re-encrypted under the active key.
 */
public final class Keyring {

    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
    private static final String HOW_TO =
            " Generate a key with `openssl rand -base64 32` and configure it as calroute.secrets.keys=<id>:<base64>"
                    + " (environment CALROUTE_SECRETS_KEYS) with calroute.secrets.active-key-id=<id>"
                    + " (CALROUTE_SECRETS_ACTIVE_KEY_ID).";

    private final Map<String, byte[]> keys;
    private final String activeKeyId;

    private Keyring(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * Builds the ring from {@code id:base64} entries and the optional active key id (needed only with several keys).
     *
     * @throws KeyringException with a message that says how to fix the configuration
     */
    public static Keyring parse(Collection<String> entries, Optional<String> activeKeyId) {
        if (entries == null || entries.stream().allMatch(e -> e == null || e.isBlank())) {
            throw new KeyringException("No encryption key for stored secrets is configured, so config-service refuses to"
                    + " start: it would otherwise have to store Exchange passwords unencrypted." + HOW_TO);
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon > 0 ? entry.substring(0, colon).strip() : "";
            if (!KEY_ID.matcher(id).matches()) {
                throw new KeyringException("calroute.secrets.keys has an entry without a valid key id (letters, digits,"
                        + " '-' or '_', at most 32) before a colon." + HOW_TO);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new KeyringException("calroute.secrets.keys entry '" + id + "' is not valid base64." + HOW_TO);
            }
            if (key.length != 32) {
                throw new KeyringException("calroute.secrets.keys entry '" + id + "' has " + key.length
                        + " bytes; AES-256 needs exactly 32." + HOW_TO);
            }
            if (keys.put(id, key) != null) {
                throw new KeyringException("calroute.secrets.keys names key id '" + id + "' twice.");
            }
        }
        String active = activeKeyId.filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        if (active == null) {
            if (keys.size() > 1) {
                throw new KeyringException("calroute.secrets.keys has several keys: set calroute.secrets.active-key-id"
                        + " to the one new secrets are encrypted under.");
            }
            active = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(active)) {
            throw new KeyringException("calroute.secrets.active-key-id '" + active
                    + "' is not one of the keys in calroute.secrets.keys.");
        }
        return new Keyring(Map.copyOf(keys), active);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    byte[] activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
