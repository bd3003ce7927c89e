-- Microsoft Graph calendarView delta state per mailbox: the window and settings it was built for, the delta link to
-- continue from and the items it holds (EWS-form ids; subject and location only when the tenant shares them), so a
-- restarted or newly assigned replica continues with a delta instead of a full round.
CREATE TABLE graph_delta_state (
    tenant_id           TEXT        NOT NULL,
    mailbox             TEXT        NOT NULL,
    window_start        TIMESTAMPTZ NOT NULL,
    window_end          TIMESTAMPTZ NOT NULL,
    with_subjects       BOOLEAN     NOT NULL,
    connection_version  BIGINT      NOT NULL,
    delta_link          TEXT,
    items               JSONB       NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, mailbox)
);
