package com.calroute.sync.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the product's privacy and time rules to raw items: subject and location only when the tenant shares
 * subjects and never for private items; all-day items get local dates in the item's own zone where Exchange
 * revealed it, else in the tenant's; items outside the window are dropped; the result is in a stable order so two
 * reads of an unchanged calendar give equal snapshots.
 */
public final class Normaliser {

    /** The order of a snapshot's items: by start, then end, then id. */
    public static final Comparator<NormalItem> ORDER = Comparator.comparing(NormalItem::start)
            .thenComparing(NormalItem::end)
            .thenComparing(NormalItem::itemId);

    private final boolean shareSubjects;
    private final ZoneId tenantZone;

    public Normaliser(boolean shareSubjects, ZoneId tenantZone) {
        this.shareSubjects = shareSubjects;
        this.tenantZone = tenantZone;
    }

    /** The publishable items of one read of a calendar within {@code window}. */
    public List<NormalItem> normalise(List<RawItem> raw, SyncWindow window) {
        // Paging past truncation can return the same occurrence twice; the id identifies it.
        Map<String, NormalItem> byId = new LinkedHashMap<>();
        for (RawItem item : raw) {
            if (item.itemId() == null || item.start() == null || item.end() == null) {
                continue;
            }
            if (!window.overlaps(item.start(), item.end())) {
                continue;
            }
            byId.put(item.itemId(), normalise(item));
        }
        List<NormalItem> items = new ArrayList<>(byId.values());
        items.sort(ORDER);
        return List.copyOf(items);
    }

    /** One item with the privacy and time rules applied. */
    public NormalItem normalise(RawItem item) {
        Privacy privacy = Privacy.fromExchange(item.sensitivity());
        // Only Normal items: Personal and Confidential are as much the owner's business as Private (PRODUCT: Privacy).
        boolean revealText = shareSubjects && privacy == Privacy.NORMAL;
        Instant end = item.end().isBefore(item.start()) ? item.start() : item.end();
        LocalDate startDate = null;
        LocalDate endDate = null;
        String zoneName = null;
        if (item.allDay()) {
            Optional<ZoneId> itemZone = TimeZones.toIana(item.timeZone());
            ZoneId zone = itemZone.orElse(tenantZone);
            zoneName = itemZone.map(ZoneId::getId).orElse(null);
            startDate = LocalDate.ofInstant(item.start(), zone);
            endDate = LocalDate.ofInstant(end, zone);
            if (!endDate.isAfter(startDate)) {
                // End dates are exclusive; an all-day item always covers at least its first day.
                endDate = startDate.plusDays(1);
            }
        }
        return new NormalItem(item.itemId(), item.changeKey(), item.start(), end, item.allDay(), startDate, endDate,
                zoneName, Busy.fromExchange(item.freeBusy()), privacy, item.cancelled(),
                revealText ? emptyToNull(item.subject()) : null,
                revealText ? emptyToNull(item.location()) : null, Response.fromExchange(item.response()),
                item.subjectCode(), item.subjectCode() == null ? null : item.subjectCodeMark(), item.category());
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
