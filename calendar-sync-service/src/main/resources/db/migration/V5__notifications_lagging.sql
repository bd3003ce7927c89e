-- Since when a user's live change notifications have not arrived (the stream broke or Exchange refused it and
-- the owning replica keeps retrying; the mailbox is polled meanwhile). NULL while they arrive.
ALTER TABLE sync_health ADD COLUMN notifications_lagging_since TIMESTAMPTZ;
