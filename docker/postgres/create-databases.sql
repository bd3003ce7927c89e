-- Runs once, when the Compose PostgreSQL container initialises an empty data directory. The image creates
-- calroute_config (POSTGRES_DB) owned by calroute (POSTGRES_USER); calendar-sync-service gets its own database.
-- routing-service keeps no database (its durable state is on Kafka).
CREATE DATABASE calroute_sync OWNER calroute;
