package com.calroute.sync.testsupport;

import com.calroute.ewssim.EwsSimulator;

/** The ews-simulator shared by the {@code @QuarkusTest}s of one JVM (each test uses its own tenant and mailboxes). */
public final class SharedSimulator {

    private static EwsSimulator simulator;

    private SharedSimulator() {
    }

    /** The running simulator, started on first use (Exchange 2013 SP1, 1 s streaming heartbeat). */
    public static synchronized EwsSimulator get() {
        if (simulator == null) {
            simulator = Simulators.start("Exchange2013_SP1");
            simulator.control().updateServer(java.util.Map.of("heartbeatSeconds", 1));
            Simulators.account(simulator, Simulators.ACCOUNT, Simulators.PASSWORD, true);
            EwsSimulator started = simulator;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-simulator-shutdown"));
        }
        return simulator;
    }
}
