package com.calroute.ewssim.connection;

import com.calroute.ewssim.auth.ConnectionAuthentication;

/** One client TCP connection as the simulator accepted it, carrying what IIS binds to a connection: its NTLM state. */
public final class ClientConnection {
    private final ConnectionAuthentication authentication = new ConnectionAuthentication();

    public ConnectionAuthentication authentication() {
        return authentication;
    }
}
