package com.calroute.config.exchange.secrets;

/** The configured keys cannot be used; the message says how to fix the configuration and never shows key bytes. */
public class KeyringException extends IllegalStateException {

    public KeyringException(String message) {
        super(message);
    }
}
