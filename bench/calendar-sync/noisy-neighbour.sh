#!/usr/bin/env bash
# Issue #14's noisy-neighbour and restart benchmark: tenant A (1,000 mailboxes streaming, changes open-loop at 10/s
# throughout) while (a) nothing else happens, (b) tenant B enrols 20,000 users at once, (c) 200 of A's users opt in at
# once, (d) A's Exchange answers ErrorServerBusy for 30 s, (e) the service is killed with kill -9 and restarted.
# Prints the configuration, the bars, A's change->Kafka p50/p99/max per phase, the opt-ins' time to a first calendar,
# B's initial-sync time, the restart's readiness, and PASS/FAIL per bar. The whole output goes to
# calendar-sync-service/target/noisy-neighbour.log. Extra arguments go to Maven: -Dbench.a.mailboxes=1000
# -Dbench.b.mailboxes=20000 -Dbench.a.optins=200 -Dbench.changeRate=10 -Dbench.throttling=default|tight,
# -Dbench.budgetScope=ACCOUNT (each service account pays for every request; default: the target mailbox, as Exchange 2013), phase lengths
# (-Dbench.quietSeconds, minPhaseSeconds, busySeconds, recoverySeconds, downSeconds, afterSeconds). A smoke run:
#   bench/calendar-sync/noisy-neighbour.sh -Dbench.a.mailboxes=200 -Dbench.b.mailboxes=2000 -Dbench.a.optins=40 \
#     -Dbench.quietSeconds=15 -Dbench.minPhaseSeconds=15 -Dbench.busySeconds=15 -Dbench.recoverySeconds=15 \
#     -Dbench.downSeconds=15 -Dbench.afterSeconds=30
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p calendar-sync-service/target
# The benchmark's JVM holds the simulator (21,200 mailboxes), the test broker and every snapshot seen: 1 GB (the
# tests' default) runs out once tenant B syncs at full speed.
mvn -B -Dstyle.color=never -o -pl calendar-sync-service -am verify -DskipTests=false \
    "-Dtest.jvm.args=-Djava.util.logging.manager=org.jboss.logmanager.LogManager -Xmx6g" -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=NoisyNeighbourBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@" \
  | tee calendar-sync-service/target/noisy-neighbour.log \
  | grep -E "^(CONFIGURATION|BARS|seeded|CEILING|service ready|enrolled|PHASE|issued|RESULTS|  [(pls]|B INITIAL SYNC|OPT-IN|RESTART|BAR |simulator:|service back-off|run time|\[INFO\] Tests run|\[INFO\] BUILD|\[ERROR\])" || true
