package com.calroute.sync.testsupport;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;

import java.net.URI;
import java.util.List;

/** Starts and seeds ews-simulators the way the sync tests need them. */
public final class Simulators {

    public static final String ACCOUNT = "svc-calroute";
    public static final String PASSWORD = "s3cret-Pa55";
    public static final String DOMAIN = "ACME";

    private Simulators() {
    }

    /** A simulator on free ports (http and https) speaking {@code serverVersion}. */
    public static EwsSimulator start(String serverVersion) {
        return EwsSimulator.builder().httpPort(0).httpsPort(0).serverVersion(serverVersion).start();
    }

    /** The service account with impersonation rights on every mailbox. */
    public static void account(EwsSimulator sim, String account, String password, boolean impersonateAll) {
        sim.control().putAccount(DOMAIN + "\\" + account, new Specs.AccountSpec(null, password, null, null, null,
                impersonateAll ? List.of("*") : List.of()));
    }

    /** A mailbox in Europe/Oslo. */
    public static void mailbox(EwsSimulator sim, String smtp) {
        sim.control().putMailbox(smtp, new Specs.MailboxSpec(null, smtp, "Europe/Oslo", null));
    }

    /** An EWS connection to the simulator's plain-http endpoint. */
    public static ExchangeConnection httpConnection(String tenantId, EwsSimulator sim, long version) {
        return connection(tenantId, sim.httpEwsUrl(), ACCOUNT, PASSWORD, version, null);
    }

    /** An EWS connection with explicit settings. */
    public static ExchangeConnection connection(String tenantId, String url, String user, String password, long version,
                                                String caPem) {
        return new ExchangeConnection(tenantId, ConnectionKind.EWS, version, url, user, password, DOMAIN,
                "Exchange2013_SP1", null, null, null, null, null, null, caPem);
    }

    /** {@code host:port} of a URL, the form of the endpoint allowances. */
    public static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    /** A single appointment from {@code start} to {@code end} (instants), with the given fields. */
    public static AppointmentSpec single(String subject, String start, String end, String freeBusy, String sensitivity) {
        return new AppointmentSpec(subject, "Room 1", null, start, end, null, null, null, null, null, null, null, null,
                freeBusy, sensitivity, null, null, null, null);
    }

    /** An appointment starting {@code startIn} (ISO duration) from now, lasting {@code duration}. */
    public static AppointmentSpec startingIn(String subject, String startIn, String duration, String sensitivity) {
        return new AppointmentSpec(subject, "Room 1", null, null, null, startIn, null, null, null, duration, null, null,
                null, "Busy", sensitivity, null, null, null, null);
    }

    /** A daily series of {@code count} occurrences starting {@code startIn} from now. */
    public static AppointmentSpec daily(String subject, String startIn, String duration, int count) {
        return new AppointmentSpec(subject, null, null, null, null, startIn, null, null, null, duration, null,
                "Europe/Oslo", null, "Busy", "Normal", null, null,
                new AppointmentSpec.RecurrenceSpec("DAILY", 1, null, null, null, null, null, count), null);
    }
}
