package com.calroute.ewssim.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectorTest {

    private final FaultInjector faults = new FaultInjector();

    @Test
    void aFaultScopedToAnOperationFiresOnlyForThatOperationOfItsMailbox() {
        faults.add(null, "Kari@acme.example", "Subscribe", FaultKind.LATENCY, 500, 0, 1);

        assertThat(faults.fire(FaultKind.LATENCY, "svc", "kari@acme.example", "FindItem")).isNull();
        assertThat(faults.fire(FaultKind.LATENCY, "svc", "kari@acme.example")).as("no operation given (Graph)").isNull();
        assertThat(faults.fire(FaultKind.LATENCY, "svc", "ola@acme.example", "Subscribe")).isNull();
        FaultRule fired = faults.fire(FaultKind.LATENCY, "svc", "kari@acme.example", "Subscribe");
        assertThat(fired).isNotNull();
        assertThat(fired.latencyMs()).isEqualTo(500);
        assertThat(fired.operation()).isEqualTo("Subscribe");
        assertThat(faults.fire(FaultKind.LATENCY, "svc", "kari@acme.example", "Subscribe")).as("used up").isNull();
    }

    @Test
    void aFaultWithoutAnOperationFiresForEveryRequest() {
        faults.add(null, "kari@acme.example", FaultKind.SERVER_BUSY, 0, 1_000, 2);

        assertThat(faults.fire(FaultKind.SERVER_BUSY, "svc", "kari@acme.example", "FindItem")).isNotNull();
        assertThat(faults.fire(FaultKind.SERVER_BUSY, "svc", "kari@acme.example")).isNotNull();
        assertThat(faults.all()).isEmpty();
    }
}
