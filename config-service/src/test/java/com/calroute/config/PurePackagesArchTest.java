package com.calroute.config;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.Patterns;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The pure packages hold the real rules and lean on neither framework, contracts (but their values) nor Kafka. */
class PurePackagesArchTest {

    private static final String[] PURE = {
            "com.calroute.config.rules..",
            "com.calroute.config.exchange.secrets..",
            "com.calroute.config.enrolment.csv.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.calroute.config");

    /**
     * The contract's values are the one exception: an E.164 number or a tenant id is valid when the schema says so
     * ({@link Patterns}, plain JDK code reading the schema), and a busy type or an action is one when the contract's
     * enum has it ({@link BusyType}, {@link CallAction}: plain enums), so the rules hold no copies of either.
     */
    @Test
    void purePackagesImportNoFrameworkContractsOrKafka() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat(resideInAnyPackage("jakarta..", "io.quarkus..", "io.smallrye..",
                        "org.apache.kafka..", "com.calroute.contracts..", "org.hibernate..", "io.vertx..",
                        "com.fasterxml..", "org.jboss..").and(not(equivalentTo(Patterns.class)))
                        .and(not(equivalentTo(BusyType.class))).and(not(equivalentTo(CallAction.class))))
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
