-- Runs once, when the Compose PostgreSQL container initialises an empty data directory. The image creates
-- calroute_config (POSTGRES_DB) owned by calroute (POSTGRES_USER); calendar-sync-service gets its own database, and
-- so does routing-service for its route-decision log (its routing state is on Kafka).
CREATE DATABASE calroute_sync OWNER calroute;
CREATE DATABASE calroute_routing OWNER calroute;
