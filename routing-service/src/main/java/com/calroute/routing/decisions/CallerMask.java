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

    private CallerMask() {
    }

    /** {@code +4791234567} → {@code …567}; null (no caller, a withheld number) stays null. */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return null;
        }
        // On the lookup path: a backwards scan, no regular expression.
        char[] kept = new char[KEPT_DIGITS];
        int found = 0;
        for (int i = number.length() - 1; i >= 0 && found < KEPT_DIGITS; i--) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                kept[KEPT_DIGITS - 1 - found++] = c;
            }
        }
        return ELLIPSIS + new String(kept, KEPT_DIGITS - found, found);
    }
}
