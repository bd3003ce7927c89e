package com.calroute.config.architecture;

import com.calroute.testing.architecture.PurePackages;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** STYLE.md's pure-package rules ({@link PurePackages}, as in every service) for config-service's pure packages. */
@AnalyzeClasses(packages = "com.calroute.config", importOptions = ImportOption.DoNotIncludeTests.class)
class PurePackagesTest {

    /** The tenant and enrolment rules, the secret box, and the CSV reader. */
    private static final String[] PURE = {
            "com.calroute.config.rules..", "com.calroute.config.exchange.secrets..", "com.calroute.config.enrolment.csv.."};

    @ArchTest
    static final ArchRule importNoFramework = PurePackages.importNoFramework(PURE);

    @ArchTest
    static final ArchRule readNoWallClock = PurePackages.readNoWallClock(PURE);

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PurePackages.featuresFreeOfCycles("com.calroute.config");

    @ArchTest
    static final ArchRule pureDoesNotReachIntoTheServiceLayers = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("com.calroute.config.tenant..",
                    "com.calroute.config.enrolment", "com.calroute.config.exchange", "com.calroute.config.outbox..",
                    "com.calroute.config.problem..", "com.calroute.config.identity..");
}
