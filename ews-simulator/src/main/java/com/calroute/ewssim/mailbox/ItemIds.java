package com.calroute.ewssim.mailbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds and parses Exchange-looking identifiers. Real EWS ids are long standard-base64 blobs (with '+', '/'
 * and '=' in them) that clients must treat as opaque; ours carry the mailbox, the item and, for occurrences,
 * the original start, so an occurrence id can be resolved without a lookup table.
 */
public final class ItemIds {
    private static final byte[] PREFIX = {0x00, 0x03, 0x24, 0x00};
    private static final int ID_LENGTH = 72;
    private static final byte KIND_ITEM = 'I';
    private static final byte KIND_OCCURRENCE = 'O';
    private static final byte KIND_FOLDER = 'F';

    private ItemIds() {
    }

    /** What an id refers to. */
    public enum Kind { ITEM, OCCURRENCE, FOLDER }

    /** A decoded id. {@code originalStart} is set for occurrences only. */
    public record Parsed(Kind kind, byte[] mailboxKey, UUID guid, Instant originalStart) {
        public boolean belongsTo(Mailbox mailbox) {
            return Arrays.equals(mailboxKey, mailbox.key());
        }
    }

    public static byte[] mailboxKey(String smtp) {
        return Arrays.copyOf(sha256(smtp.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)), 16);
    }

    public static String newItemId(byte[] mailboxKey) {
        return encode(KIND_ITEM, mailboxKey, UUID.randomUUID(), 0);
    }

    public static String folderId(byte[] mailboxKey) {
        return encode(KIND_FOLDER, mailboxKey, new UUID(0x43616c656e646172L, 0x466f6c6465720000L), 0);
    }

    /** The mailbox's root folder (the calendar folder's parent). */
    public static String rootFolderId(byte[] mailboxKey) {
        return encode(KIND_FOLDER, mailboxKey, new UUID(0x526f6f74466f6c64L, 0x6572000000000000L), 0);
    }

    public static String occurrenceId(String masterId, Instant originalStart) {
        Parsed master = parse(masterId);
        if (master == null || master.kind() != Kind.ITEM) {
            throw new IllegalArgumentException("not an item id: " + masterId);
        }
        return encode(KIND_OCCURRENCE, master.mailboxKey(), master.guid(), originalStart.getEpochSecond());
    }

    /** The series id that an occurrence id belongs to. */
    public static String masterIdOf(Parsed occurrence) {
        return encode(KIND_ITEM, occurrence.mailboxKey(), occurrence.guid(), 0);
    }

    /** Decodes an id, or returns null when it is not one of ours (Exchange answers ErrorInvalidIdMalformed). */
    public static Parsed parse(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(id.trim().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != ID_LENGTH || !Arrays.equals(Arrays.copyOf(raw, 4), PREFIX)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        buffer.position(4);
        byte[] key = new byte[16];
        buffer.get(key);
        byte kindByte = buffer.get();
        UUID guid = new UUID(buffer.getLong(), buffer.getLong());
        long seconds = buffer.getLong();
        if (!Arrays.equals(raw, encodeBytes(kindByte, key, guid, seconds))) {
            return null;
        }
        return switch (kindByte) {
            case KIND_ITEM -> new Parsed(Kind.ITEM, key, guid, null);
            case KIND_OCCURRENCE -> new Parsed(Kind.OCCURRENCE, key, guid, Instant.ofEpochSecond(seconds));
            case KIND_FOLDER -> new Parsed(Kind.FOLDER, key, guid, null);
            default -> null;
        };
    }

    /** A fresh change key: Exchange's are base64 blobs that change on every edit. */
    public static String newChangeKey() {
        byte[] raw = new byte[28];
        raw[0] = 0x0F;
        raw[4] = 0x16;
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        System.arraycopy(random, 0, raw, 8, 20);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static String encode(byte kind, byte[] mailboxKey, UUID guid, long seconds) {
        return Base64.getEncoder().encodeToString(encodeBytes(kind, mailboxKey, guid, seconds));
    }

    private static byte[] encodeBytes(byte kind, byte[] mailboxKey, UUID guid, long seconds) {
        ByteBuffer buffer = ByteBuffer.allocate(ID_LENGTH);
        buffer.put(PREFIX).put(mailboxKey).put(kind)
                .putLong(guid.getMostSignificantBits()).putLong(guid.getLeastSignificantBits()).putLong(seconds);
        byte[] filler = sha256(Arrays.copyOf(buffer.array(), buffer.position()));
        buffer.put(filler, 0, ID_LENGTH - buffer.position());
        return buffer.array();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
