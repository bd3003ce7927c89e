package com.calroute.config;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The pure packages hold the real rules and must not lean on the framework, the contracts or Kafka. */
class PurePackagesArchTest {

    private static final String[] PURE = {
            "com.calroute.config.rules..",
            "com.calroute.config.exchange.urlpolicy..",
            "com.calroute.config.exchange.secrets..",
            "com.calroute.config.enrolment.csv.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.calroute.config");

    @Test
    void purePackagesImportNoFrameworkContractsOrKafka() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..",
                        "org.apache.kafka..", "com.calroute.contracts..", "org.hibernate..", "io.vertx..",
                        "com.fasterxml..", "org.jboss..")
                .check(classes);
    }

    @Test
    void purePackagesDoNotReachIntoTheServiceLayers() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage("com.calroute.config.tenant..",
                        "com.calroute.config.enrolment", "com.calroute.config.exchange", "com.calroute.config.outbox..",
                        "com.calroute.config.problem..", "com.calroute.config.identity..")
                .check(classes);
    }
}
