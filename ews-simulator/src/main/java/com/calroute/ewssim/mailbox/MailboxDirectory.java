package com.calroute.ewssim.mailbox;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** All mailboxes of the simulated organisation, by primary SMTP address (case-insensitive). */
public final class MailboxDirectory {
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> byKey = new ConcurrentHashMap<>();
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public MailboxDirectory(Clock clock) {
        this.clock = clock;
    }

    public void addListener(MailboxListener listener) {
        listeners.add(listener);
    }

    public Mailbox find(String smtpAddress) {
        return smtpAddress == null ? null : mailboxes.get(Mailbox.canonical(smtpAddress));
    }

    /** Creates the mailbox, or updates display name and zone of an existing one. */
    public Mailbox put(String smtpAddress, String displayName, ZoneId timeZone) {
        return mailboxes.compute(Mailbox.canonical(smtpAddress), (smtp, existing) -> {
            if (existing != null) {
                existing.updateProfile(displayName, timeZone);
                return existing;
            }
            Mailbox created = new Mailbox(smtp, displayName, timeZone, clock, this::fanOut);
            byKey.put(HexFormat.of().formatHex(created.key()), created);
            return created;
        });
    }

    /** The mailbox an id's mailbox key points at, or null. */
    public Mailbox findByKey(byte[] key) {
        return byKey.get(HexFormat.of().formatHex(key));
    }

    public boolean remove(String smtpAddress) {
        Mailbox removed = mailboxes.remove(Mailbox.canonical(smtpAddress));
        if (removed != null) {
            byKey.remove(HexFormat.of().formatHex(removed.key()));
        }
        return removed != null;
    }

    public Collection<Mailbox> all() {
        return new ArrayList<>(mailboxes.values());
    }

    public void clear() {
        mailboxes.clear();
        byKey.clear();
    }

    private void fanOut(Mailbox mailbox, MailboxEvent event) {
        for (MailboxListener listener : listeners) {
            listener.onEvent(mailbox, event);
        }
    }
}
