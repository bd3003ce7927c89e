package com.calroute.routing.contract;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.status.Action;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Source;
import com.calroute.routing.status.State;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's enums and the contract's hold the same names, so every value crosses each edge and comes back. */
class ContractTypesTest {

    @Test
    void everyBusyTypeAndActionCrossesBothWays() {
        assertThat(Arrays.stream(BusyType.values()).map(ContractTypes::freeBusy).map(ContractTypes::busyType))
                .containsExactly(BusyType.values());
        assertThat(Arrays.stream(FreeBusy.values()).map(ContractTypes::busyType).map(ContractTypes::freeBusy))
                .containsExactly(FreeBusy.values());
        assertThat(Arrays.stream(CallAction.values()).map(ContractTypes::action).map(ContractTypes::callAction))
                .containsExactly(CallAction.values());
        assertThat(Arrays.stream(Action.values()).map(ContractTypes::callAction).map(ContractTypes::action))
                .containsExactly(Action.values());
    }

    @Test
    void everyStateAndSourceIsTheContractsAndTheContractHasNoOther() {
        assertThat(Arrays.stream(State.values()).map(ContractTypes::state)).containsExactly(StatusState.values());
        assertThat(Arrays.stream(Source.values()).map(ContractTypes::source)).containsExactly(ReasonSource.values());
        assertThat(Arrays.stream(ReasonSource.values()).map(ContractTypes::engineSource))
                .containsExactly(Source.values());
    }

    @Test
    void nullStaysNull() {
        assertThat(ContractTypes.freeBusy(null)).isNull();
        assertThat(ContractTypes.busyType(null)).isNull();
        assertThat(ContractTypes.action(null)).isNull();
        assertThat(ContractTypes.callAction(null)).isNull();
        assertThat(ContractTypes.state(null)).isNull();
        assertThat(ContractTypes.source(null)).isNull();
        assertThat(ContractTypes.engineSource(null)).isNull();
    }
}
