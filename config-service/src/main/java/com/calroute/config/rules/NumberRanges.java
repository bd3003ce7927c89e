package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A tenant's numbers: ranges of E.164 numbers of equal length (a single number is a range of one). Ranges compare by
 * the numeric value of their digits; the database stores the same value so that it, too, can refuse overlaps.
 */
public final class NumberRanges {

    /** Most ranges one tenant may hold (a list of single numbers is a list of ranges). */
    public static final int MAX_RANGES = 10_000;

    private final List<Range> ranges;

    private NumberRanges(List<Range> ranges) {
        this.ranges = ranges.stream().sorted(Comparator.comparingLong(Range::low)).toList();
    }

    /** One range, both ends included. */
    public record Range(String from, String to) {

        /** The numeric value of the first number's digits. */
        public long low() {
            return value(from);
        }

        /** The numeric value of the last number's digits. */
        public long high() {
            return value(to);
        }

        public boolean contains(String number) {
            return number != null && number.length() == from.length() && PhoneNumbers.isE164(number)
                    && value(number) >= low() && value(number) <= high();
        }

        boolean overlaps(Range other) {
            return from.length() == other.from.length() && low() <= other.high() && other.low() <= high();
        }

        @Override
        public String toString() {
            return from.equals(to) ? from : from + "–" + to;
        }
    }

    /** Ranges already valid (as stored). */
    public static NumberRanges of(List<Range> ranges) {
        return new NumberRanges(ranges);
    }

    /**
     * Validates ranges as a client sent them ({@code from}/{@code to} pairs, {@code to} defaulting to {@code from}),
     * naming each bad one as {@code <field>[i].from}, {@code <field>[i].to} or {@code <field>[i]} (overlap).
     *
     * @throws InvalidInputException naming every bad range
     */
    public static NumberRanges parse(String field, List<Range> requested, String country) {
        Violations violations = new Violations();
        List<Range> valid = new ArrayList<>();
        if (requested == null) {
            violations.add(field, FieldErrorCodes.REQUIRED, "is required: a list of {\"from\":…,\"to\":…} ranges");
            violations.throwIfAny();
        }
        if (requested.size() > MAX_RANGES) {
            violations.add(field, FieldErrorCodes.TOO_MANY, Map.of("max", String.valueOf(MAX_RANGES)),
                    "may hold at most " + MAX_RANGES + " ranges");
            violations.throwIfAny();
        }
        for (int i = 0; i < requested.size(); i++) {
            String at = field + "[" + i + "]";
            Range range = requested.get(i);
            if (range == null) {
                violations.add(at, FieldErrorCodes.REQUIRED, "is required");
                continue;
            }
            String from = PhoneNumbers.require(violations, at + ".from", range.from(), country);
            String to = range.to() == null ? from : PhoneNumbers.require(violations, at + ".to", range.to(), country);
            if (from == null || to == null) {
                continue;
            }
            if (from.length() != to.length()) {
                violations.add(at + ".to", FieldErrorCodes.RANGE_DIGITS_DIFFER, Map.of("from", from),
                        "must have as many digits as from (" + from + ")");
                continue;
            }
            Range candidate = new Range(from, to);
            if (candidate.low() > candidate.high()) {
                violations.add(at + ".to", FieldErrorCodes.NOT_AFTER_START, Map.of("from", from),
                        "must not come before from (" + from + ")");
                continue;
            }
            for (Range earlier : valid) {
                if (earlier.overlaps(candidate)) {
                    violations.add(at, FieldErrorCodes.RANGE_OVERLAP, Map.of("other", earlier.toString()),
                            "overlaps " + earlier + " given earlier in the list");
                    candidate = null;
                    break;
                }
            }
            if (candidate != null) {
                valid.add(candidate);
            }
        }
        violations.throwIfAny();
        return new NumberRanges(valid);
    }

    /** The ranges, lowest first. */
    public List<Range> ranges() {
        return ranges;
    }

    public boolean contains(String number) {
        return ranges.stream().anyMatch(range -> range.contains(number));
    }

    /** This set plus {@code number} as a range of one, unless it already holds it. */
    public NumberRanges with(String number) {
        if (contains(number)) {
            return this;
        }
        List<Range> more = new ArrayList<>(ranges);
        more.add(new Range(number, number));
        return new NumberRanges(more);
    }

    private static long value(String e164) {
        return Long.parseLong(e164.substring(1));
    }
}
