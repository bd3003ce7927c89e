package com.calroute.sync.health;

import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.DiagnosisCodes;
import com.calroute.sync.plan.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Sync health's lastErrorKind and the connection test's code come from the one documented list. */
class DiagnosisCodesTest {

    @Test
    void everyFailureKindHasItsOwnDocumentedCode() {
        assertThat(Arrays.stream(FailureKind.values()).map(FailureKind::code))
                .doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(DiagnosisCodes.ALL).contains(code));
        assertThat(Arrays.stream(ConnectionTestStep.values()).map(DiagnosisCodes::ofStep))
                .allSatisfy(code -> assertThat(DiagnosisCodes.ALL).contains(code));
        assertThat(DiagnosisCodes.ALL).allMatch(code -> code.matches("[a-z]+(-[a-z]+)*")).doesNotHaveDuplicates();
    }
}
