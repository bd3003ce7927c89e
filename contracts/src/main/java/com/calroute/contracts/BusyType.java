package com.calroute.contracts;

import java.util.Arrays;
import java.util.List;

/** A calendar item's free/busy status as Exchange reports it. */
public enum BusyType {
    FREE, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE;

    /** The busy types that can change routing, in declaration order: every one but FREE, which never does. */
    public static final List<BusyType> ROUTABLE = Arrays.stream(values()).filter(type -> type != FREE).toList();
}
