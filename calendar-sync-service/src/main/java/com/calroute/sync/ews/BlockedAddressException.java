package com.calroute.sync.ews;

import java.net.UnknownHostException;

/**
 * Thrown at connect time when the EWS host resolves to an address the SSRF rules forbid. It is an
 * {@link UnknownHostException} because Apache HttpClient's DNS hook may only throw that.
 */
public class BlockedAddressException extends UnknownHostException {

    private final String address;

    public BlockedAddressException(String endpoint, String address) {
        super("connection to " + endpoint + " refused: it resolves to the non-public address " + address);
        this.address = address;
    }

    /** The forbidden address the host resolved to. */
    public String address() {
        return address;
    }
}
