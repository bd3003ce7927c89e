package com.calroute.contracts;

/** A calendar item's free/busy status as Exchange reports it. */
public enum BusyType {
    FREE, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE
}
