package com.calroute.sync.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the rules pure and the Exchange client library inside its one package. */
@AnalyzeClasses(packages = "com.calroute.sync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule planIsPure = noClasses().that().resideInAPackage("com.calroute.sync.plan..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "org.apache.kafka..",
                    "microsoft.exchange..", "com.calroute.contracts..", "com.fasterxml..", "org.eclipse.microprofile..",
                    "com.calroute.sync.ews..", "com.calroute.sync.mailbox..", "com.calroute.sync.schedule..",
                    "com.calroute.sync.publish..", "com.calroute.sync.health..", "com.calroute.sync.connection..");

    @ArchTest
    static final ArchRule onlyEwsTouchesTheExchangeClient = noClasses().that()
            .resideOutsideOfPackage("com.calroute.sync.ews..")
            .should().dependOnClassesThat().resideInAPackage("microsoft.exchange..");

    @ArchTest
    static final ArchRule edgesDoNotReachIntoTheScheduler = noClasses().that().resideInAnyPackage(
                    "com.calroute.sync.graph..", "com.calroute.sync.health..", "com.calroute.sync.connectiontest..",
                    "com.calroute.sync.ews..", "com.calroute.sync.source..", "com.calroute.sync.feed..")
            .should().dependOnClassesThat().resideInAPackage("com.calroute.sync.schedule..");

    @ArchTest
    static final ArchRule planReadsNoWallClock = noClasses().that().resideInAPackage("com.calroute.sync.plan..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");
}
