-- Issue 18's subject codes and Outlook categories in the decision log: which of the tenant's codes or categories gave
-- the winning item its busy type, and whether it only showed the state while the call rang (MØT; or a show-only
-- category). The code or category name only, never the subject it came from.
ALTER TABLE route_decisions
    ADD COLUMN reason_subject_code TEXT,
    ADD COLUMN reason_category     TEXT,
    ADD COLUMN reason_show_only    BOOLEAN NOT NULL DEFAULT FALSE;
