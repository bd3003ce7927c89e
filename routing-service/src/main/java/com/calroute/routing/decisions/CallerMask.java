package com.calroute.routing.decisions;

/**
 * How a caller's number is kept in the decision log: only its last 3 digits, enough for an employee to recognise
 * "…567" as the caller they expected, too little to rebuild anyone's number.
 */
public final class CallerMask {

    /** Digits of the caller's number that are kept. */
    public static final int KEPT_DIGITS = 3;
    /** What stands for the digits that are not kept. */
    public static final String ELLIPSIS = "…";
    /** Every mask of 3 digits, made once: the lookup path takes one instead of building a string per call. */
    private static final String[] THREE_DIGITS = new String[1000];

    static {
        for (int i = 0; i < THREE_DIGITS.length; i++) {
            THREE_DIGITS[i] = ELLIPSIS + digits(i, KEPT_DIGITS);
        }
    }

    private CallerMask() {
    }

    /** {@code +4791234567} → {@code …567}; null (no caller, a withheld number) stays null. */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return null;
        }
        // On the lookup path: a backwards scan, no regular expression, no new string.
        int kept = 0;
        int found = 0;
        int scale = 1;
        for (int i = number.length() - 1; i >= 0 && found < KEPT_DIGITS; i--) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                kept += (c - '0') * scale;
                scale *= 10;
                found++;
            }
        }
        if (found == KEPT_DIGITS) {
            return THREE_DIGITS[kept];
        }
        // Fewer digits than kept (never an E.164 number): as many as there are, leading zeros included.
        return ELLIPSIS + digits(kept, found);
    }

    /** {@code value}'s last {@code count} decimal digits, leading zeros kept. */
    private static String digits(int value, int count) {
        char[] digits = new char[count];
        for (int i = count - 1; i >= 0; i--, value /= 10) {
            digits[i] = (char) ('0' + value % 10);
        }
        return new String(digits);
    }
}
