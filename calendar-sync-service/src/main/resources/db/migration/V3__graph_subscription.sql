-- Graph change-notification subscriptions, so a notification that reaches a replica other than the subscribing one
-- (behind a load balancer) still turns into a read: that replica checks the clientState against the stored hash and
-- files a resync request, which the owning replica takes within a second.
CREATE TABLE graph_subscription (
    subscription_id    TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    mailbox            TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    client_state_hash  TEXT        NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL
);
