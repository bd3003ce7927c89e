package com.calroute.contracts.forwarding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardTargetsTest {

    private static final ForwardTargets.Policy NATIONAL_ONLY = new ForwardTargets.Policy("+47", false);
    private static final ForwardTargets.Policy WITH_INTERNATIONAL = new ForwardTargets.Policy("+47", true);

    @Test
    void classifiesTheNorwegianNumberingPlan() {
        assertThat(ForwardTargets.classify("+4791234567", "+47")).isEqualTo(ForwardTargets.Kind.MOBILE);
        assertThat(ForwardTargets.classify("+4741234567", "+47")).isEqualTo(ForwardTargets.Kind.MOBILE);
        assertThat(ForwardTargets.classify("+4722000000", "+47")).isEqualTo(ForwardTargets.Kind.GEOGRAPHIC);
        assertThat(ForwardTargets.classify("+4733123456", "+47")).isEqualTo(ForwardTargets.Kind.GEOGRAPHIC);
        assertThat(ForwardTargets.classify("+4755123456", "+47")).isEqualTo(ForwardTargets.Kind.GEOGRAPHIC);
        assertThat(ForwardTargets.classify("+4761123456", "+47")).isEqualTo(ForwardTargets.Kind.GEOGRAPHIC);
        assertThat(ForwardTargets.classify("+4773123456", "+47")).isEqualTo(ForwardTargets.Kind.GEOGRAPHIC);
        assertThat(ForwardTargets.classify("+4780012345", "+47")).isEqualTo(ForwardTargets.Kind.FREEPHONE);
        assertThat(ForwardTargets.classify("+4781012345", "+47")).isEqualTo(ForwardTargets.Kind.SHARED_COST);
        assertThat(ForwardTargets.classify("+4781512345", "+47")).isEqualTo(ForwardTargets.Kind.SHARED_COST);
        assertThat(ForwardTargets.classify("+4782012345", "+47")).isEqualTo(ForwardTargets.Kind.PREMIUM_RATE);
        assertThat(ForwardTargets.classify("+4782912345", "+47")).isEqualTo(ForwardTargets.Kind.PREMIUM_RATE);
        assertThat(ForwardTargets.classify("+4785012345", "+47")).isEqualTo(ForwardTargets.Kind.OTHER);
        assertThat(ForwardTargets.classify("+4702345", "+47")).as("5-digit special number").isEqualTo(ForwardTargets.Kind.OTHER);
        assertThat(ForwardTargets.classify("+47580012345678", "+47")).as("12-digit M2M").isEqualTo(ForwardTargets.Kind.OTHER);
        assertThat(ForwardTargets.classify("+4611234567", "+47")).isEqualTo(ForwardTargets.Kind.INTERNATIONAL);
        assertThat(ForwardTargets.classify("+881612345678", "+47")).isEqualTo(ForwardTargets.Kind.SATELLITE);
        assertThat(ForwardTargets.classify("+88216123456", "+47")).isEqualTo(ForwardTargets.Kind.SATELLITE);
        assertThat(ForwardTargets.classify("+870772123456", "+47")).isEqualTo(ForwardTargets.Kind.SATELLITE);
        assertThat(ForwardTargets.classify("+97912345678", "+47")).isEqualTo(ForwardTargets.Kind.PREMIUM_RATE);
        assertThat(ForwardTargets.classify("+80812345678", "+47")).isEqualTo(ForwardTargets.Kind.SHARED_COST);
    }

    @Test
    void theDefaultPolicyAllowsOrdinaryNationalMobileAndGeographicNumbersOnly() {
        assertThat(ForwardTargets.refusal("+4790000000", "+4791234567", NATIONAL_ONLY)).isNull();
        assertThat(ForwardTargets.refusal("+4722000000", "+4791234567", NATIONAL_ONLY)).isNull();
        assertThat(ForwardTargets.refusal("+4782012345", "+4791234567", NATIONAL_ONLY)).contains("premium");
        assertThat(ForwardTargets.refusal("+4781012345", "+4791234567", NATIONAL_ONLY)).contains("shared-cost");
        assertThat(ForwardTargets.refusal("+4780012345", "+4791234567", NATIONAL_ONLY)).isNotNull();
        assertThat(ForwardTargets.refusal("+881612345678", "+4791234567", NATIONAL_ONLY)).contains("satellite");
        assertThat(ForwardTargets.refusal("+4611234567", "+4791234567", NATIONAL_ONLY)).contains("abroad");
    }

    @Test
    void internationalOnlyWhenAllowedAndNeverPremiumSatelliteOrTheOwnNumber() {
        assertThat(ForwardTargets.refusal("+4611234567", "+4791234567", WITH_INTERNATIONAL)).isNull();
        assertThat(ForwardTargets.refusal("+881612345678", "+4791234567", WITH_INTERNATIONAL)).contains("satellite");
        assertThat(ForwardTargets.refusal("+97912345678", "+4791234567", WITH_INTERNATIONAL)).contains("premium");
        assertThat(ForwardTargets.refusal("+4782912345", "+4791234567", WITH_INTERNATIONAL)).contains("premium");
        assertThat(ForwardTargets.refusal("+4791234567", "+4791234567", WITH_INTERNATIONAL)).contains("own");
    }

    @Test
    void anotherCountryAsNationalMakesNorwayInternational() {
        ForwardTargets.Policy sweden = new ForwardTargets.Policy("+46", false);
        assertThat(ForwardTargets.classify("+4791234567", "+46")).isEqualTo(ForwardTargets.Kind.INTERNATIONAL);
        assertThat(ForwardTargets.refusal("+46701234567", "+46701234568", sweden)).isNull();
        assertThat(ForwardTargets.refusal("+4791234567", "+46701234568", sweden)).contains("abroad");
    }
}
