-- The route-decision log: one row per route lookup answered, written in batches off the lookup path and deleted
-- after the retention (calroute.decisions.retention, 30 days by default). Never a meeting subject, never a caller's
-- whole number: only its last 3 digits, which the check below enforces.
CREATE TABLE route_decisions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    decided_at       TIMESTAMPTZ NOT NULL,
    tenant_id        TEXT        NOT NULL,
    user_id          TEXT        NOT NULL,
    number           TEXT        NOT NULL,
    caller_masked    TEXT CHECK (caller_masked ~ '^…[0-9]{0,3}$'),
    state            TEXT        NOT NULL,
    action           TEXT        NOT NULL,
    target           TEXT,
    reason_source    TEXT        NOT NULL,
    reason_busy_type TEXT,
    reason_from      TIMESTAMPTZ,
    reason_until     TIMESTAMPTZ,
    ring_through     TEXT,
    forward_loop     BOOLEAN     NOT NULL DEFAULT FALSE
);

-- An employee's (or their admin's) recent decisions, newest first.
CREATE INDEX route_decisions_by_user ON route_decisions (tenant_id, user_id, decided_at DESC);
-- The retention job's scan.
CREATE INDEX route_decisions_by_time ON route_decisions (decided_at);

-- Every time a tenant admin read a user's decisions: who, when, whose, and the reason they gave. Kept (not purged
-- with the decisions): the audit must outlive what it audits.
CREATE TABLE route_decision_access (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    accessed_at      TIMESTAMPTZ NOT NULL,
    tenant_id        TEXT        NOT NULL,
    user_id          TEXT        NOT NULL,
    accessor_issuer  TEXT        NOT NULL,
    accessor_subject TEXT        NOT NULL,
    reason           TEXT        NOT NULL
);

CREATE INDEX route_decision_access_by_user ON route_decision_access (tenant_id, user_id, accessed_at DESC);
