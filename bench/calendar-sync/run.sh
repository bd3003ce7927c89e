#!/usr/bin/env bash
# Initial sync of 10,000 mailboxes (30 items each) against the ews-simulator, then change->Kafka latency.
# Prints the configuration, the bars and the results: mailboxes/s, ErrorServerBusy and back-off, p50/p99 latency of
# open-loop changes. Extra arguments go to Maven: -Dbench.throttling=default|tight, -Dbench.mailboxes=2000,
# -Dbench.changeRate=20 -Dbench.changeSeconds=30.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -pl calendar-sync-service -am verify -DskipTests=false -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=InitialSyncBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@" \
  | grep -E "CONFIGURATION|BARS|seeded|enrolled|INITIAL SYNC|BACK-OFF|issued|CHANGE -> KAFKA|simulator:|Tests run|BUILD|ERROR" || true
