package com.calroute.sync.ews;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.AbsenceSettings;
import com.calroute.sync.plan.AutomaticReplies;
import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.plan.WorkingHours;
import com.calroute.sync.source.CalendarSource;
import com.calroute.sync.source.SourceFailure;
import microsoft.exchange.webservices.data.misc.availability.TimeWindow;
import org.jboss.logging.Logger;
import microsoft.exchange.webservices.data.property.complex.availability.OofSettings;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads calendars from on-premises Exchange through EWS. ews-java-api's service is not thread-safe, so each read
 * borrows one of the tenant's idle services (at most as many exist as reads ran at once) and gives it back; a
 * service made for an older connection version is closed instead of reused. Every EWS call passes the tenant's
 * gate ({@code gates}), which keeps the account within Exchange's concurrency and back-off.
 */
public final class EwsCalendarSource implements CalendarSource {

    private static final Logger LOG = Logger.getLogger(EwsCalendarSource.class);

    private final EwsClientFactory factory;
    private final CalendarReader reader;
    private final ConnectionTester tester;
    private final Function<String, EwsCalls> gates;
    private final Clock clock;
    private final Map<String, Deque<Pooled>> idle = new HashMap<>();

    private record Pooled(long connectionVersion, HardenedExchangeService service) {
    }

    public EwsCalendarSource(EwsClientFactory factory, CalendarReader reader, ConnectionTester tester,
                             Function<String, EwsCalls> gates, Clock clock) {
        this.factory = factory;
        this.reader = reader;
        this.tester = tester;
        this.gates = gates;
        this.clock = clock;
    }

    @Override
    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects)
            throws SourceFailure, InterruptedException {
        return read(connection, mailbox, window, withSubjects, CodeBook.NONE);
    }

    @Override
    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects,
                              CodeBook codes) throws SourceFailure, InterruptedException {
        return asMailbox(connection, mailbox, service ->
                reader.read(service, gates.apply(connection.tenantId()), window, withSubjects, codes));
    }

    /**
     * GetUserOofSettings, and GetUserAvailability for the working hours when asked: two calls, each on its own
     * borrowed service, so that Exchange refusing the availability service (a policy, a proxy error) costs only the
     * working hours — which then count as read and stay as known — never the automatic replies.
     */
    @Override
    public AbsenceSettings absence(ExchangeConnection connection, String mailbox, boolean withWorkingHours)
            throws SourceFailure, InterruptedException {
        EwsCalls calls = gates.apply(connection.tenantId());
        AutomaticReplies replies = asMailbox(connection, mailbox, service -> {
            OofSettings settings = calls.call("GetUserOofSettings", () -> service.getUserOofSettings(mailbox));
            TimeWindow duration = settings.getDuration();
            return AutomaticReplies.fromExchange(settings.getState() == null ? null : settings.getState().name(),
                    duration == null || duration.getStartTime() == null ? null : duration.getStartTime().toInstant(),
                    duration == null || duration.getEndTime() == null ? null : duration.getEndTime().toInstant());
        });
        if (!withWorkingHours) {
            return new AbsenceSettings(replies, null, false);
        }
        try {
            return new AbsenceSettings(replies, asMailbox(connection, mailbox, service -> calls.call(
                    "GetUserAvailability", () -> new WorkingHoursRequest(service, mailbox, clock.instant()).send())),
                    true);
        } catch (SourceFailure e) {
            LOG.debugf("tenant %s: working hours of a mailbox not readable (%s)", connection.tenantId(),
                    e.failure().kind());
            return new AbsenceSettings(replies, null, true);
        }
    }

    /** One call as {@code mailbox} on a borrowed service of the tenant's, given back unless the call failed. */
    private <T> T asMailbox(ExchangeConnection connection, String mailbox, MailboxCall<T> call)
            throws SourceFailure, InterruptedException {
        Pooled pooled;
        try {
            pooled = borrow(connection);
        } catch (EwsSetupException e) {
            throw new SourceFailure(e.failure());
        }
        boolean reusable = false;
        try {
            EwsClientFactory.impersonate(pooled.service(), mailbox, mailbox);
            T answer = call.run(pooled.service());
            reusable = true;
            return answer;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // A failed exchange may leave the connection in any state: the next call gets a fresh service.
            throw new SourceFailure(EwsFailures.classify(e, endpointOf(connection), connection.username(), mailbox));
        } finally {
            giveBack(connection.tenantId(), pooled, reusable);
        }
    }

    @FunctionalInterface
    private interface MailboxCall<T> {
        T run(HardenedExchangeService service) throws Exception;
    }

    @Override
    public ConnectionTestResult test(ExchangeConnection connection, String mailbox) {
        return tester.test(connection, mailbox);
    }

    @Override
    public void forget(String tenantId) {
        List<Pooled> closing;
        synchronized (idle) {
            Deque<Pooled> services = idle.remove(tenantId);
            closing = services == null ? List.of() : new ArrayList<>(services);
        }
        closing.forEach(pooled -> pooled.service().close());
    }

    private Pooled borrow(ExchangeConnection connection) throws EwsSetupException {
        List<Pooled> outdated = new ArrayList<>();
        Pooled found = null;
        synchronized (idle) {
            Deque<Pooled> services = idle.get(connection.tenantId());
            while (services != null && !services.isEmpty() && found == null) {
                Pooled candidate = services.pop();
                if (candidate.connectionVersion() == connection.connectionVersion()) {
                    found = candidate;
                } else {
                    outdated.add(candidate);
                }
            }
        }
        outdated.forEach(pooled -> pooled.service().close());
        return found != null ? found : new Pooled(connection.connectionVersion(), factory.create(connection));
    }

    private void giveBack(String tenantId, Pooled pooled, boolean reusable) {
        if (reusable) {
            synchronized (idle) {
                idle.computeIfAbsent(tenantId, id -> new ArrayDeque<>()).push(pooled);
                return;
            }
        }
        pooled.service().close();
    }

    private String endpointOf(ExchangeConnection connection) {
        try {
            return factory.endpoint(connection.ewsUrl()).hostPort();
        } catch (EwsSetupException e) {
            return String.valueOf(connection.ewsUrl());
        }
    }

    /** Closes every idle service (shutdown). */
    public void close() {
        List<String> tenants;
        synchronized (idle) {
            tenants = new ArrayList<>(idle.keySet());
        }
        tenants.forEach(this::forget);
    }
}
