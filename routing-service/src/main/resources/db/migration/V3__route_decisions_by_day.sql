-- Issue 21: the decision log partitioned by UTC day. At national rates one replica writes millions of decisions an
-- hour, and deleting them row by row could not keep up (at most 500,000 an hour per replica); dropping a day's
-- partition costs nothing however many rows it holds. A day's partition also keeps the index each decision is written
-- into at one day's size rather than the whole retention's. Retention by whole days needs neither the index by time
-- nor the identity key any more (a plain sequence keeps the tiebreak between decisions of the same microsecond).
-- The routing service creates each day's partition before it writes into it and drops a day's once all of it is older
-- than the retention (JdbcDecisionStore, DayPartitions).

-- What an earlier version wrote stays where it is, as one partition from the beginning of time to the end of its last
-- day, dropped whole once its newest decision has passed the retention.
ALTER TABLE route_decisions RENAME TO route_decisions_legacy;
ALTER TABLE route_decisions_legacy RENAME CONSTRAINT route_decisions_caller_masked_check
    TO route_decisions_caller_last_digits;
ALTER INDEX route_decisions_pkey RENAME TO route_decisions_legacy_pkey;
ALTER INDEX route_decisions_by_user RENAME TO route_decisions_legacy_by_user;
ALTER INDEX route_decisions_by_time RENAME TO route_decisions_legacy_by_time;
ALTER TABLE route_decisions_legacy ALTER COLUMN id DROP IDENTITY;

CREATE SEQUENCE route_decisions_id_seq;
SELECT setval('route_decisions_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM route_decisions_legacy), false);

-- The same columns, NOT NULLs, defaults and check as before (the attach below requires them identical).
CREATE TABLE route_decisions (LIKE route_decisions_legacy INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (decided_at);
ALTER TABLE route_decisions ALTER COLUMN id SET DEFAULT nextval('route_decisions_id_seq');
ALTER SEQUENCE route_decisions_id_seq OWNED BY route_decisions.id;

-- An employee's (or their admin's) recent decisions, newest first; each partition gets its own.
CREATE INDEX route_decisions_by_user ON route_decisions (tenant_id, user_id, decided_at DESC);

DO $$
DECLARE
    newest TIMESTAMPTZ := (SELECT max(decided_at) FROM route_decisions_legacy);
BEGIN
    IF newest IS NULL THEN
        DROP TABLE route_decisions_legacy;
    ELSE
        -- Up to the UTC midnight after both its newest decision and now: today's later decisions join it.
        EXECUTE format('ALTER TABLE route_decisions ATTACH PARTITION route_decisions_legacy FOR VALUES FROM (MINVALUE) TO (%L)',
                (date_trunc('day', greatest(newest, now()) AT TIME ZONE 'UTC') + INTERVAL '1 day') AT TIME ZONE 'UTC');
    END IF;
END $$;
