-- Issue 21: the user index keyed by a 64-bit hash of the user's id instead of the tenant's and user's texts. Every
-- decision goes into this index at a place of its own user's, so at national rates it is most of what the log costs
-- PostgreSQL; a key of 16 bytes (hash and time) rather than two texts and the time makes the index smaller and each
-- insert cheaper (measured: routing-service/README.md). Reads still compare tenant_id and user_id themselves: users
-- whose ids hash alike only share index entries, and their rows are filtered out. hashtextextended is the function
-- PostgreSQL's hash partitioning relies on, so its values do not change between PostgreSQL versions.
-- An upgraded database builds the index over the decisions it holds (one sorted pass; the old index goes).
CREATE INDEX route_decisions_by_user_hash ON route_decisions (hashtextextended(user_id, 0), decided_at DESC);
DROP INDEX route_decisions_by_user;
