#!/usr/bin/env bash
# Initial sync of 10,000 mailboxes (30 items each) against the ews-simulator, then change->Kafka latency.
# Prints mailboxes/s and p50/p99 latency. Extra arguments go to Maven, e.g. -Dbench.mailboxes=2000.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -pl contracts,test-infrastructure,ews-simulator install -DskipTests
mvn -o -pl calendar-sync-service verify -DskipTests=false -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=InitialSyncBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@" \
  | grep -E "seeded|enrolled|INITIAL SYNC|CHANGE -> KAFKA|simulator:|Tests run|BUILD|ERROR" || true
