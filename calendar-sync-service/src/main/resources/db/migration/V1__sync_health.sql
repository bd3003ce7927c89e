-- Per-user sync health, written by whichever replica owns the user's mailbox and read by any replica,
-- so sync-health answers the same everywhere.
CREATE TABLE sync_health (
    tenant_id        TEXT        NOT NULL,
    user_id          TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    last_success_at  TIMESTAMPTZ,
    last_error       TEXT,
    last_error_kind  TEXT,
    last_error_at    TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Resync requests made on any replica, picked up (and deleted) by the replica that owns the user.
CREATE TABLE resync_request (
    tenant_id     TEXT        NOT NULL,
    user_id       TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
