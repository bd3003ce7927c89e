package com.calroute.routing.status;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the status engine pure (no framework, messaging or contract types, so it reads and tests as plain Java) and
 * the feature packages free of cycles.
 */
class PurePackagesTest {

    @Test
    void statusEngineImportsNoFrameworkOrContracts() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.calroute.routing");

        noClasses().that().resideInAPackage("com.calroute.routing.status..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.apache.kafka..",
                        "com.fasterxml..", "com.calroute.contracts..", "org.eclipse.microprofile..")
                .because("the status engine is the domain: framework-free and contract-free")
                .check(classes);
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInACircle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.calroute.routing");

        slices().matching("com.calroute.routing.(*)..").should().beFreeOfCycles()
                .because("a package read on its own must not need the one that needs it (ingest reads what override writes)")
                .check(classes);
    }

    @Test
    void decisionLogLogicImportsNoFrameworkOrContracts() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.calroute.routing");

        noClasses().that().resideInAPackage("com.calroute.routing.decisions..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.apache.kafka..",
                        "com.fasterxml..", "com.calroute.contracts..", "org.eclipse.microprofile..", "io.micrometer..",
                        "java.sql..", "org.flywaydb..")
                .because("masking, texts, the queue and the pump are plain logic tested without Quarkus")
                .check(classes);
    }
}
