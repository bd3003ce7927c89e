package com.calroute.testing.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * STYLE.md's rules for a service's pure packages — the real logic, read and tested as plain Java — defined once for
 * the three services' ArchUnit tests, so that each service's {@code PurePackagesTest} only names its pure packages.
 */
public final class PurePackages {

    /**
     * What a pure package imports nothing from: frameworks, messaging, JSON, persistence, Exchange's client. Of
     * {@code javax}, only the JDK's own cryptography is plain Java (the secret box seals with it).
     */
    private static final String[] FRAMEWORKS = {
            "jakarta..", "javax.inject..", "javax.ws..", "javax.persistence..", "javax.enterprise..",
            "javax.annotation..", "javax.json..", "javax.transaction..", "io.quarkus..", "io.smallrye..", "io.vertx..",
            "org.eclipse.microprofile..", "org.jboss..", "org.hibernate..", "io.micrometer..", "org.apache.kafka..",
            "com.fasterxml..", "java.sql..", "org.flywaydb..", "microsoft.exchange..", "com.calroute.contracts.."};

    /**
     * The contract's plain values, the one exception: an E.164 number or a tenant id is valid when the schema says
     * so ({@code Patterns}, plain JDK code reading the schema), and a busy type or an action is one when the contract's
     * enum has it — so no pure package holds a copy of either.
     */
    private static final Set<String> CONTRACT_VALUES = Set.of(
            "com.calroute.contracts.Patterns", "com.calroute.contracts.BusyType", "com.calroute.contracts.CallAction");

    private PurePackages() {
    }

    /** The pure packages import no framework, messaging, JSON or persistence type; of the contract only its values. */
    public static ArchRule importNoFramework(String... purePackages) {
        DescribedPredicate<JavaClass> contractValue = DescribedPredicate.describe("a contract value",
                type -> CONTRACT_VALUES.contains(type.getName()));
        return noClasses().that().resideInAnyPackage(purePackages)
                .should().dependOnClassesThat(resideInAnyPackage(FRAMEWORKS).and(DescribedPredicate.not(contractValue)))
                .because("STYLE.md: the real logic is plain Java, unit-tested without booting Quarkus");
    }

    /** The pure packages take time as a {@link Clock} or an {@link Instant}; they never read the wall clock. */
    public static ArchRule readNoWallClock(String... purePackages) {
        return noClasses().that().resideInAnyPackage(purePackages)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .because("STYLE.md: time is passed in as a Clock, so tests move it instead of waiting");
    }

    /** The service's feature packages ({@code root.(feature)..}) need each other in no circle. */
    public static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a package read on its own must not need the one that needs it");
    }
}
