package com.calroute.contracts.tenants;

/** How a tenant's calendars are read: Exchange Web Services (on-premises) or Microsoft Graph (Exchange Online). */
public enum ConnectionKind {
    EWS, GRAPH
}
