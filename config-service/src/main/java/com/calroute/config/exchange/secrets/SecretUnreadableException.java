package com.calroute.config.exchange.secrets;

/** A stored secret cannot be decrypted; the message never contains secret material. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message, null, false, false);
    }
}
