package com.calroute.ewssim;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the simulator standalone: {@code --http-port --https-port --server-version --scenario --bind}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        EwsSimulator.Builder builder = EwsSimulator.builder();
        boolean anyPort = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--http-port" -> { builder.httpPort(Integer.parseInt(require(arg, value))); anyPort = true; i++; }
                case "--https-port" -> { builder.httpsPort(Integer.parseInt(require(arg, value))); anyPort = true; i++; }
                case "--server-version" -> { builder.serverVersion(require(arg, value)); i++; }
                case "--bind" -> { builder.bindAddress(require(arg, value)); i++; }
                case "--scenario" -> {
                    String file = require(arg, value);
                    if ("demo".equals(file)) {
                        try (InputStream in = Main.class.getResourceAsStream("/demo-scenario.yaml")) {
                            builder.scenario(in);
                        }
                    } else {
                        builder.scenario(Path.of(file));
                    }
                    i++;
                }
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option " + arg);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (!anyPort) {
            builder.httpPort(8025);
        }
        EwsSimulator simulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "ews-simulator-shutdown"));
        System.out.println("EWS simulator started");
        try {
            System.out.println("  EWS (http):  " + simulator.httpEwsUrl());
        } catch (IllegalStateException noHttp) {
            System.out.println("  EWS (http):  off");
        }
        if (simulator.httpsPort() > 0) {
            System.out.println("  EWS (https): " + simulator.httpsEwsUrl());
        }
        System.out.println("  control API: " + simulator.controlUrl());
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void usage() {
        System.out.println("usage: java -jar ews-simulator-runner.jar [--http-port N] [--https-port N] "
                + "[--server-version Exchange2013_SP1] [--scenario file.yaml|file.json|demo] [--bind 127.0.0.1]");
    }
}
