package com.calroute.contracts.calendar;

/** Exchange's sensitivity of an item; subjects of PRIVATE items never leave Exchange. */
public enum Sensitivity {
    NORMAL, PERSONAL, PRIVATE, CONFIDENTIAL
}
