package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import java.util.Map;

/**
 * SyncFolderItems on the calendar folder: returns recurring masters and singles (never occurrences) as
 * Create/Update/Delete since an opaque sync state, at most MaxChangesReturned at a time. The state is
 * integrity-protected, bound to its mailbox, and refused with ErrorInvalidSyncStateData when it does not fit.
 */
public final class SyncFolderItemsOperation implements Operation {
    private static final String MESSAGE = "SyncFolderItemsResponseMessage";
    private static final byte[] MAGIC = {'C', 'S', 'S', '1'};

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        ItemShape shape = ItemShape.parse(Dom.child(request, EwsNamespaces.MESSAGES, "ItemShape"));
        Element folderId = Dom.childElements(Dom.child(request, EwsNamespaces.MESSAGES, "SyncFolderId")).stream()
                .findFirst().orElse(null);
        String state = Dom.childText(request, EwsNamespaces.MESSAGES, "SyncState");
        String maxText = Dom.childText(request, EwsNamespaces.MESSAGES, "MaxChangesReturned");
        int max;
        try {
            max = Integer.parseInt(maxText);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 512) {
            throw new EwsFault(ResponseCodes.SCHEMA_VALIDATION, "The request failed schema validation: "
                    + "MaxChangesReturned must be between 1 and 512.", Map.of(), true, 0, 0);
        }
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "SyncFolderItemsResponse", 8192 + max * 1024);
        try {
            Mailbox mailbox = context.resolveFolder(folderId);
            byte[] secret = context.engine().secret();
            long after = state == null || state.isBlank() ? 0 : decodeState(state, mailbox, secret);
            Mailbox.SyncBatch batch = mailbox.changesSince(after, max);
            SoapEnvelopes.beginSuccess(w, MESSAGE);
            w.element("m:SyncState", encodeState(mailbox, batch.reachedSequence(), secret));
            w.element("m:IncludesLastItemInRange", batch.includesLastItem());
            w.start("m:Changes");
            for (Mailbox.SyncChange change : batch.changes()) {
                switch (change.type()) {
                    case CREATE, UPDATE -> {
                        w.start(change.type() == Mailbox.ChangeType.CREATE ? "t:Create" : "t:Update");
                        CalendarItemWriter.write(w, Mailbox.single(change.item()), mailbox, shape,
                                CalendarItemWriter.Context.GET, context.clientSchema());
                        w.end();
                    }
                    case DELETE -> w.start("t:Delete").start("t:ItemId").attr("Id", change.itemId()).end().end();
                    default -> throw new IllegalStateException("unknown change " + change.type());
                }
            }
            w.end().end();
        } catch (MessageError error) {
            context.noteResponseCode(error.responseCode());
            SoapEnvelopes.beginError(w, MESSAGE, error);
            w.end();
        }
        return SoapEnvelopes.finish(w);
    }

    static String encodeState(Mailbox mailbox, long sequence, byte[] secret) {
        ByteBuffer body = ByteBuffer.allocate(4 + 16 + 8);
        body.put(MAGIC).put(mailbox.key()).putLong(sequence);
        byte[] mac = Arrays.copyOf(hmac(secret, body.array()), 12);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(body.capacity() + mac.length)
                .put(body.array()).put(mac).array());
    }

    static long decodeState(String state, Mailbox mailbox, byte[] secret) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(state.trim());
        } catch (IllegalArgumentException e) {
            throw new MessageError(ResponseCodes.INVALID_SYNC_STATE);
        }
        if (raw.length != 40 || !Arrays.equals(Arrays.copyOf(raw, 4), MAGIC)) {
            throw new MessageError(ResponseCodes.INVALID_SYNC_STATE);
        }
        byte[] body = Arrays.copyOf(raw, 28);
        byte[] mac = Arrays.copyOfRange(raw, 28, 40);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(hmac(secret, body), 12))
                || !Arrays.equals(Arrays.copyOfRange(body, 4, 20), mailbox.key())) {
            throw new MessageError(ResponseCodes.INVALID_SYNC_STATE);
        }
        long sequence = ByteBuffer.wrap(body, 20, 8).getLong();
        if (sequence < 0 || sequence > mailbox.currentSequence()) {
            throw new MessageError(ResponseCodes.INVALID_SYNC_STATE);
        }
        return sequence;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
