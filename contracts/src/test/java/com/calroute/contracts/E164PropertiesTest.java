package com.calroute.contracts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The spelled-out E.164 check answers exactly as the schema's pattern does, on numbers, near-numbers and noise. */
class E164PropertiesTest {

    @Property(tries = 5000)
    void agreesWithTheSchemaPattern(@ForAll("numberLike") String value) {
        assertThat(Patterns.isE164(value)).as("'%s'", value).isEqualTo(Patterns.E164.matcher(value).matches());
    }

    /** Mostly strings of the characters that decide: plus signs, digits, other digits and a little else. */
    @Provide
    Arbitrary<String> numberLike() {
        Arbitrary<String> nearNumbers = Arbitraries.strings().withChars("+0123456789").ofMinLength(0).ofMaxLength(18);
        Arbitrary<String> withNoise = Arbitraries.strings().withChars("+0123456789 -\n٤\uFF0Bx").ofMaxLength(18);
        Arbitrary<String> numbers = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(17).map(d -> "+" + d);
        return Arbitraries.oneOf(nearNumbers, withNoise, numbers, Arbitraries.strings().ofMaxLength(20));
    }
}
