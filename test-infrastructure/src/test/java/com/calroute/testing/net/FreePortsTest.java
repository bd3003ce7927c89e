package com.calroute.testing.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsLieBelowTheEphemeralRangeSoNoOutgoingConnectionTakesThemBeforeTheServerStarts() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32768;

        int[] ports = FreePorts.distinct(20);

        assertThat(Arrays.stream(ports).boxed()).allSatisfy(port -> assertThat(port).isBetween(1024, ephemeralStart - 1));
    }

    @Test
    void noPortIsHandedOutTwiceInOneJvmEvenBeforeAnyServerBindsIt() {
        int[] first = FreePorts.distinct(10);
        int[] second = FreePorts.distinct(10);
        int single = FreePorts.any();

        int[] all = new int[21];
        System.arraycopy(first, 0, all, 0, 10);
        System.arraycopy(second, 0, all, 10, 10);
        all[20] = single;
        assertThat(Arrays.stream(all).distinct().count()).isEqualTo(21);
    }

    @Test
    void aChosenPortTakesAServer() throws IOException {
        int port = FreePorts.any();

        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
