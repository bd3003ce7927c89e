package com.calroute.ewssim.auth;

import java.util.Arrays;

/**
 * The NTLM state of one TCP connection: the challenge of a handshake in progress and, once it succeeded, the account
 * the connection is authenticated as. It belongs to the connection object and dies with it, so a later connection,
 * even from the same address and port, starts unauthenticated, as IIS treats it.
 */
public final class ConnectionAuthentication {
    private byte[] pendingChallenge;
    private String accountKey;

    synchronized void challengeIssued(byte[] serverChallenge) {
        pendingChallenge = serverChallenge.clone();
        accountKey = null;
    }

    /** The challenge of the handshake in progress, consumed: an AUTHENTICATE answers exactly one CHALLENGE. */
    synchronized byte[] takeChallenge() {
        byte[] challenge = pendingChallenge;
        pendingChallenge = null;
        return challenge;
    }

    synchronized void authenticated(String key) {
        accountKey = key;
    }

    synchronized String accountKey() {
        return accountKey;
    }

    /** Forgets the handshake and the identity, as after a 401 that ends the connection's authentication. */
    public synchronized void clear() {
        if (pendingChallenge != null) {
            Arrays.fill(pendingChallenge, (byte) 0);
        }
        pendingChallenge = null;
        accountKey = null;
    }
}
