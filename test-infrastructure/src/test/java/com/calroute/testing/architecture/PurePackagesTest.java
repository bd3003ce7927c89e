package com.calroute.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurePackagesTest {

    private static final String FIXTURE = "com.calroute.testing.architecture.fixture";
    private final JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void aPlainPackageTakingAClockPasses() {
        assertThatCode(() -> PurePackages.importNoFramework(FIXTURE + ".clean..").check(classes)).doesNotThrowAnyException();
        assertThatCode(() -> PurePackages.readNoWallClock(FIXTURE + ".clean..").check(classes)).doesNotThrowAnyException();
    }

    @Test
    void aPackageReadingTheWallClockFails() {
        assertThatThrownBy(() -> PurePackages.readNoWallClock(FIXTURE + ".clock..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Instant.now()");
    }

    @Test
    void aPackageUsingKafkaFails() {
        assertThatThrownBy(() -> PurePackages.importNoFramework(FIXTURE + ".kafka..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ProducerRecord");
    }

    @Test
    void featurePackagesNeedingEachOtherFail() {
        assertThatThrownBy(() -> PurePackages.featuresFreeOfCycles(FIXTURE + ".cycle").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    }
}
