package com.calroute.config.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the audit log: every admin change (in the change's own transaction, so it exists exactly when the change
 * does) and every denied request (in a transaction of its own, since the request's work was rolled back).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_TEXT = 500;

    /** Results recorded for a change that was made. */
    public static final String OK = "OK";

    @Inject
    Clock clock;

    // Denials can arrive on an I/O thread (a security check before the endpoint runs); they are written from here.
    private final ThreadPoolExecutor deniedWriter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "audit-denied-writer");
                thread.setDaemon(true);
                return thread;
            });

    /** Records a change the caller made; must run inside the change's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(Actor actor, String action, String target, String detail) {
        entry(actor, action, target, OK, detail).persist();
    }

    /** Records a refused request (401, 403, or 404 for another tenant's object) in a transaction of its own. */
    public void denied(Actor actor, String action, String target, int status, String detail) {
        AuditEntry entry = entry(actor, action, target, "DENIED_" + status, detail);
        if (BlockingOperationControl.isBlockingAllowed()) {
            persistAlone(entry);
        } else {
            try {
                deniedWriter.execute(() -> persistAlone(entry));
            } catch (RejectedExecutionException e) {
                LOG.warnf("audit queue full: dropped a denied-request entry for %s %s", action, target);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        deniedWriter.shutdown();
        try {
            deniedWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void persistAlone(AuditEntry entry) {
        try {
            QuarkusTransaction.requiringNew().run(entry::persist);
        } catch (RuntimeException e) {
            LOG.warnf("could not write audit entry for %s %s: %s", entry.action, entry.target, e.getClass().getSimpleName());
        }
    }

    private AuditEntry entry(Actor actor, String action, String target, String result, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now(clock);
        entry.subject = cut(actor.subject());
        entry.tenantId = cut(actor.tenantId());
        entry.roles = cut(actor.roles() == null ? "" : actor.roles());
        entry.action = cut(action);
        entry.target = cut(target);
        entry.result = result;
        entry.detail = cut(detail);
        return entry;
    }

    /**
     * At most {@link #MAX_TEXT} characters, control characters written as {@code \\uXXXX}: a request for
     * {@code /tenants/x%00} must be audited too, and PostgreSQL refuses a NUL in text (the entry was lost).
     */
    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && safe.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return safe.length() <= MAX_TEXT ? safe.toString() : safe.substring(0, MAX_TEXT);
    }
}
