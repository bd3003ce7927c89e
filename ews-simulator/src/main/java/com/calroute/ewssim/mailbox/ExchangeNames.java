package com.calroute.ewssim.mailbox;

import java.util.function.Function;

/** Reads an enum constant from any name Exchange gives it: its EWS name, its Graph name or the constant's own. */
final class ExchangeNames {

    private ExchangeNames() {
    }

    /** The constant of {@code type} one of whose names is {@code value}, case-insensitively. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, Function<E, String> ewsName,
                                       Function<E, String> graphName, String what) {
        for (E constant : type.getEnumConstants()) {
            if (ewsName.apply(constant).equalsIgnoreCase(value) || graphName.apply(constant).equalsIgnoreCase(value)
                    || constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + ": " + value);
    }
}
