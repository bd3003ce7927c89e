package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;

import java.util.List;

/** Seeds a simulator with the account and mailboxes most tests use. */
final class SimulatorFixture {
    static final String ACCOUNT = "svc-calroute";
    static final String PASSWORD = "s3cret-Pa55";
    static final String KARI = "kari@acme.example";
    static final String OLA = "ola@acme.example";
    /** PidLidBusyStatus asked for by ExtendedFieldURI, as ews-java-api writes it. */
    static final String BUSY_STATUS_FIELD = "<t:ExtendedFieldURI DistinguishedPropertySetId=\"Appointment\" PropertyId=\"33285\""
            + " PropertyType=\"Integer\"/>";

    private SimulatorFixture() {
    }

    static EwsSimulator start(String serverVersion) {
        EwsSimulator simulator = EwsSimulator.builder().httpPort(0).serverVersion(serverVersion).start();
        seed(simulator);
        return simulator;
    }

    static void seed(EwsSimulator simulator) {
        simulator.control().putAccount("ACME\\" + ACCOUNT, new Specs.AccountSpec(null, PASSWORD, null, null, null, List.of("*")));
        simulator.control().putMailbox(KARI, new Specs.MailboxSpec(null, "Kari Nordmann", "Europe/Oslo", null));
        simulator.control().putMailbox(OLA, new Specs.MailboxSpec(null, "Ola Hansen", "Europe/Oslo", null));
    }

    static AppointmentSpec single(String subject, String start, String end) {
        return new AppointmentSpec(subject, null, null, start, end, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    static AppointmentSpec weekly(String subject, String start, String end, List<String> days, Integer count) {
        return new AppointmentSpec(subject, "Room 1", null, start, end, null, null, null, null, null, null,
                "Europe/Oslo", null, "Busy", null, null, null,
                new AppointmentSpec.RecurrenceSpec("WEEKLY", 1, days, null, null, null, null, count), null);
    }
}
