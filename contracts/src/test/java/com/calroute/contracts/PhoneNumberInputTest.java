package com.calroute.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** National input becomes E.164 ({@link Patterns#toE164}): the way Norwegians write a mobile number is accepted. */
class PhoneNumberInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"91234567", "912 34 567", "912-34-567", "0047 91234567", "+47 912 34 567", "+4791234567",
            " 91 23 45 67 ", "0047-912-34-567", "(+47) 912 34 567", "912\u00A034\u00A0567"})
    void norwegianInputIsOneNumber(String typed) {
        assertThat(Patterns.toE164(typed, "NO")).contains("+4791234567");
    }

    @Test
    void internationalInputStaysWhateverTheCountry() {
        assertThat(Patterns.toE164("+46 70 123 45 67", "NO")).contains("+46701234567");
        assertThat(Patterns.toE164("0046701234567", "NO")).contains("+46701234567");
        assertThat(Patterns.toE164("+4791234567", "US")).contains("+4791234567");
    }

    @Test
    void otherNationalPlans() {
        assertThat(Patterns.toE164("070-123 45 67", "SE")).contains("+46701234567");
        assertThat(Patterns.toE164("20 12 34 56", "DK")).contains("+4520123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "9123456", "912345678", "91234s67", "+47 912 34 567 x", "++4791234567",
            "+0791234567", "00", "4791234567", "tel:91234567"})
    void refusesWhatIsNoNumber(String typed) {
        assertThat(Patterns.toE164(typed, "NO")).isEmpty();
    }

    @Test
    void nationalInputNeedsAKnownPlan() {
        assertThat(Patterns.toE164("91234567", null)).isEmpty();
        assertThat(Patterns.toE164("91234567", "US")).isEmpty();
        assertThat(Patterns.toE164(null, "NO")).isEmpty();
        assertThat(Patterns.isCountry("NO")).isTrue();
        assertThat(Patterns.isCountry("no")).isFalse();
        assertThat(Patterns.isCountry("XX")).isFalse();
        assertThat(Patterns.readsNationalNumbers("NO")).isTrue();
        assertThat(Patterns.readsNationalNumbers("US")).isFalse();
    }
}
