package com.calroute.routing.architecture;

import com.calroute.testing.architecture.PurePackages;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md's pure-package rules ({@link PurePackages}, as in every service) for routing-service's pure packages. */
@AnalyzeClasses(packages = "com.calroute.routing", importOptions = ImportOption.DoNotIncludeTests.class)
class PurePackagesTest {

    /** The status engine; the decision log's masking, texts, queue and pump. */
    private static final String[] PURE = {"com.calroute.routing.status..", "com.calroute.routing.decisions.."};

    @ArchTest
    static final ArchRule importNoFramework = PurePackages.importNoFramework(PURE);

    @ArchTest
    static final ArchRule readNoWallClock = PurePackages.readNoWallClock(PURE);

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PurePackages.featuresFreeOfCycles("com.calroute.routing");
}
