package com.calroute.ewssim.mailbox;

/** Receives every change to any mailbox (subscriptions hang off this). */
@FunctionalInterface
public interface MailboxListener {
    void onEvent(Mailbox mailbox, MailboxEvent event);
}
