-- Which of the tenant's subject codes and categories a mailbox's Graph delta items were matched against (a digest of
-- the code book; empty: none): state matched against another book starts a new round rather than keep stale matches.
ALTER TABLE graph_delta_state ADD COLUMN code_book TEXT NOT NULL DEFAULT '';
