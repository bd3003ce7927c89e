package com.calroute.routing.status;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the status engine pure: no framework, messaging or contract types, so it reads and tests as plain Java. */
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
}
