package com.calroute.sync.architecture;

import com.calroute.testing.architecture.PurePackages;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * STYLE.md's pure-package rules ({@link PurePackages}, as in every service) for calendar-sync's planner, and the
 * Exchange client library kept inside its one package.
 */
@AnalyzeClasses(packages = "com.calroute.sync", importOptions = ImportOption.DoNotIncludeTests.class)
class PurePackagesTest {

    /** The sync planner and scheduler's rules. */
    private static final String[] PURE = {"com.calroute.sync.plan.."};

    @ArchTest
    static final ArchRule importNoFramework = PurePackages.importNoFramework(PURE);

    @ArchTest
    static final ArchRule readNoWallClock = PurePackages.readNoWallClock(PURE);

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PurePackages.featuresFreeOfCycles("com.calroute.sync");

    @ArchTest
    static final ArchRule planReachesNoEdge = noClasses().that().resideInAPackage("com.calroute.sync.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("com.calroute.sync.ews..", "com.calroute.sync.mailbox..",
                    "com.calroute.sync.schedule..", "com.calroute.sync.publish..", "com.calroute.sync.health..",
                    "com.calroute.sync.connection..");

    @ArchTest
    static final ArchRule onlyEwsTouchesTheExchangeClient = noClasses().that()
            .resideOutsideOfPackage("com.calroute.sync.ews..")
            .should().dependOnClassesThat().resideInAPackage("microsoft.exchange..");

    @ArchTest
    static final ArchRule edgesDoNotReachIntoTheScheduler = noClasses().that().resideInAnyPackage(
                    "com.calroute.sync.graph..", "com.calroute.sync.health..", "com.calroute.sync.connectiontest..",
                    "com.calroute.sync.ews..", "com.calroute.sync.source..", "com.calroute.sync.feed..")
            .should().dependOnClassesThat().resideInAPackage("com.calroute.sync.schedule..");
}
