#!/usr/bin/env bash
# Route-lookup benchmark (not a test): the packaged routing-service with OIDC on (RS256 tokens checked on
# every request), a real Kafka broker, N users with calendars; open-loop load at a fixed rate on loopback.
# Prints throughput and p50/p99/p99.9 for route lookups without a caller, for lookups naming their caller (a third
# each a priority caller of the callee, a colleague, a stranger; every user lists 5 priority callers, every other one
# lets colleagues through) and, in the same run, for a bare endpoint behind the same auth taking a lookup's request with
# caller (a number in the path, a caller in the query, read and ignored) and answering a fixed answer of a lookup's
# shape and size (the ceiling, measured before and after the lookups) and one answering 40 bytes (the earlier ceiling);
# the service's CPU time per request for each over the measured run (its garbage collector's share apart,
# and the load generator's own); heap per user; and the cold rebuild
# time of a restarted replica, with the CPU it took (the service's from its start to readiness, its collector's, the
# broker's). The bar applies to the lookups with a caller.
# Decision recording is on, as in production: every lookup's decision goes to a database of the bench's own
# (calroute_routing_bench on the loopback PostgreSQL, created by bin/postgres); the decisions it had to drop are printed.
# Usage: bench/route-lookups.sh   (env: USERS=100000 TARGET_USERS=USERS RATE=5000 DURATION=30 WARMUP=10 CONNS=32 BUILD=1 HISTOGRAM=1,
# SERVICE_HEAP=1g (5g for a million users, as routing-service's README sizes a replica), IMAGE_OPTS (the image's
# -XX:+UseTransparentHugePages, fixed G1 marking threshold and refinement at pauses; IMAGE_OPTS= runs without), HIGH_RATE=10000: the ceiling and the lookups with caller at that rate too, and SERVICE_OPTS:
# more JVM options for the service, e.g. -Dcalroute.decisions.flush-interval=5s; printed with the configuration;
# SLICES=5 SLICE_SECONDS=6: the interleaved CPU comparison of ceiling and lookups with caller, SLICES rounds in the order
# ceiling, lookups, lookups, ceiling (SLICES=0: none); RESTARTS=1: cold
# rebuilds in a row, every second one with RESTART_ALT_OPTS appended when set (two settings' starts side by side) and
# running the quarkus-app directory RESTART_ALT_APP when set (another build's, e.g. a copy of the code before a change);
# PROFILE=DIR: a CPU profile of the service for each measured load and for the cold rebuild (start to readiness), by
# async-profiler from Maven Central, written to DIR as collapsed stacks and flame graphs — where a lookup's CPU goes
# beyond the ceiling's, and where the replay's time goes;
# PG_PRIORITY=idle (default) or normal: where the machine's PostgreSQL runs it, the decision log's database runs in a CPU
# cgroup marked idle for the bench's duration — on the cores' spare time, its CPU still counted — since a replica never
# shares its cores with it in production; normal leaves it competing with the service, as before)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
USERS=${USERS:-100000}
# The requests' callees (and colleague callers) are drawn from the first TARGET_USERS of them: fewer than USERS keeps a
# whole table but fewer users' entries in play (still scattered over the table's maps: the working set shrinks, its
# spread over memory does not).
TARGET_USERS=${TARGET_USERS:-$USERS}
RATE=${RATE:-5000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
CONNS=${CONNS:-32}
# G1 by default (the per-user figure is the class histogram's live total, whatever the collector).
SERVICE_GC=${SERVICE_GC:--XX:+UseG1GC}
SERVICE_OPTS=${SERVICE_OPTS:-}
# The routing image's own JVM flags beyond the heap (docker/routing-service/Dockerfile), so the bench runs it as shipped.
IMAGE_OPTS=${IMAGE_OPTS--XX:+UseTransparentHugePages -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:-G1UseAdaptiveConcRefinement -XX:G1ConcRefinementGreenZone=100000 -XX:G1ConcRefinementYellowZone=200000 -XX:G1ConcRefinementRedZone=300000}
SERVICE_HEAP=${SERVICE_HEAP:-1g}
HIGH_RATE=${HIGH_RATE:-0}
BAR_P99_MS=2
WORK=$(mktemp -d /tmp/route-lookups.XXXXXX)
BROKER_PID=""
SERVICE_PID=""

cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null || true
  postgres_back_to_normal
  rm -rf "$WORK"
}
# The decision log's PostgreSQL as the replica meets it in production: on other cores. Here it has to share the bench's
# two, and at 10,000 req/s its writes (≈ 10 µs of CPU a decision, in a burst at each of the writer's batches) took the
# cores from the service: the lookups' p99 1.45–5.52 × the ceiling's at 100k users with PostgreSQL competing, 0.68–1.10 ×
# with it in an idle cgroup (2026-12-07, runs alternating; nothing dropped, its CPU the same; routing-service's README).
# cpu.idle (Linux 5.15+)
# lets the cgroup run only when nothing else wants a core; the server's processes (its backends are forked from it,
# so they follow) go back where they were when the bench ends. Without a writable cpu cgroup (not root, a remote
# server) PostgreSQL stays as it is and the configuration says so.
PG_PRIORITY=${PG_PRIORITY:-idle}
PG_CGROUP=""
PG_CGROUP_HOME=""
postgres_to_idle() {
  local controller=/sys/fs/cgroup/cpu pid
  [ -f "$controller/cgroup.procs" ] || controller=/sys/fs/cgroup
  case "${CALROUTE_PG_HOST:-127.0.0.1}" in 127.0.0.1|localhost) ;; *) return 1 ;; esac
  pgrep -u postgres > /dev/null && mkdir -p "$controller/calroute-bench-postgres" 2>/dev/null || return 1
  PG_CGROUP="$controller/calroute-bench-postgres"
  # Where the server was (cgroup v1's cpu line, or v2's one line): its processes go back there.
  PG_CGROUP_HOME=$controller$(awk -F: '$2 ~ /(^|,)cpu(,|$)/ || $1 == 0 {print $3; exit}' "/proc/$(pgrep -o -u postgres)/cgroup")
  [ "$PG_CGROUP_HOME" != "$PG_CGROUP" ] || PG_CGROUP_HOME=$controller
  { echo 1 > "$PG_CGROUP/cpu.idle"; } 2>/dev/null || { postgres_back_to_normal; return 1; }
  for pid in $(pgrep -u postgres); do { echo "$pid" > "$PG_CGROUP/cgroup.procs"; } 2>/dev/null || true; done
}
postgres_back_to_normal() {
  [ -n "$PG_CGROUP" ] || return 0
  local pid
  for pid in $(cat "$PG_CGROUP/cgroup.procs" 2>/dev/null); do
    { echo "$pid" > "$PG_CGROUP_HOME/cgroup.procs"; } 2>/dev/null || true
  done
  rmdir "$PG_CGROUP" 2>/dev/null || true
  PG_CGROUP=""
}
trap cleanup EXIT

cd "$ROOT"
if [ "${BUILD:-0}" = 1 ] || [ ! -f routing-service/target/quarkus-app/quarkus-run.jar ]; then
  echo "building routing-service ..."
  # Through the reactor: never install SNAPSHOTs into the local repository others build against.
  mvn -o -q -pl routing-service -am package -DskipTests
fi
echo "building bench tools ..."
# Through the reactor too (profile bench): the tools use this checkout's contracts (topic declarations).
mvn -o -q -Pbench -pl bench/routing-bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
CP="bench/routing-bench/target/routing-bench-0.1.0-SNAPSHOT.jar:$(cat bench/routing-bench/target/classpath.txt)"
tool() { java -cp "$CP" "com.calroute.bench.routing.$@"; }

# routing's decision log: the bench's own databases (suffix _bench), never a developer's calroute_routing.
CALROUTE_DB_SUFFIX=_bench "$ROOT/bin/postgres" setup > "$WORK/postgres.log"
DB_URL="jdbc:postgresql://${CALROUTE_PG_HOST:-127.0.0.1}:${CALROUTE_PG_PORT:-5432}/calroute_routing_bench"
# Every run starts with an empty decision log, migrated by the service under test: a table grown by earlier runs makes
# each insert dearer (its user index deeper) and the runs incomparable, and a schema another checkout's migrations made
# fails this one's Flyway validation, which would lose every decision and measure lookups without the log.
psql -q -h "${CALROUTE_PG_HOST:-127.0.0.1}" -p "${CALROUTE_PG_PORT:-5432}" -U postgres -d calroute_routing_bench \
  -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public AUTHORIZATION ${CALROUTE_DB_USER:-calroute}"
PG_PLACEMENT="at the machine's normal priority, competing with the service (PG_PRIORITY=$PG_PRIORITY)"
if [ "$PG_PRIORITY" = idle ]; then
  if postgres_to_idle; then
    PG_PLACEMENT="in an idle CPU cgroup ($PG_CGROUP, cpu.idle=1): the cores' spare time, its CPU counted"
  else
    PG_PLACEMENT="at the machine's normal priority: no writable cpu cgroup with cpu.idle here (not root, or a remote server)"
  fi
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)

java -Xmx768m -cp "$CP" com.calroute.bench.routing.BenchBroker "$WORK/bootstrap" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 120); do [ -s "$WORK/bootstrap" ] && break; sleep 0.5; done
BOOTSTRAP=$(cat "$WORK/bootstrap")
tool Tokens "$WORK/public-key" "$WORK/token"
ISSUER="https://bench.calroute.invalid/realms/calroute"

# $1 (optional): one more JVM option, for this start only (the cold rebuild's profiler); $2 (optional): the
# quarkus-app directory to run instead of this checkout's build (RESTART_ALT_APP).
start_service() {
  java -Xmx"$SERVICE_HEAP" $SERVICE_GC $IMAGE_OPTS $SERVICE_OPTS ${1:-} \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$(cat "$WORK/public-key")" \
    -Dquarkus.oidc.token.issuer="$ISSUER" \
    -Dcalroute.bench.ceiling-endpoint=true -Dquarkus.log.level=WARN -Dquarkus.datasource.jdbc.url="$DB_URL" \
    -jar "${2:-routing-service/target/quarkus-app}/quarkus-run.jar" >> "$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
}
ready_data() { curl -s "http://127.0.0.1:$PORT/q/health/ready"; }
wait_ready() {
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && return 0
    sleep 0.1
  done
  echo "service not ready; log:"; tail -50 "$WORK/service.log"; exit 1
}
# The live heap: a class histogram collects first and counts only what is reachable ("used" after GC.run also
# counted what the service allocated in the second before it was read: 319 and 601 MB for the same table).
heap_used_kb() {
  jcmd "$SERVICE_PID" GC.class_histogram | awk '$1 == "Total" {print int($3 / 1024)}'
}

echo "== empty service: baseline heap"
start_service
wait_ready
BASE_KB=$(heap_used_kb)

echo "== seeding $USERS users with calendars"
tool SeedUsers "$BOOTSTRAP" "$USERS"
for _ in $(seq 1 1200); do
  # Routing's own readiness check, wherever Quarkus lists it among its others.
  # Users and calendars arrive on topics read in parallel: the table is whole when both are in.
  [ "$(ready_data | jq '[.checks[] | select(.data.users != null)][0].data | "\(.users) \(.calendars)"' -r)" \
    = "$USERS $USERS" ] && break; sleep 0.5
done
FULL_KB=$(heap_used_kb)
PER_USER=$(( (FULL_KB - BASE_KB) * 1024 / USERS ))
if [ "${HISTOGRAM:-0}" = 1 ]; then
  echo "== the service's largest classes with $USERS users (HISTOGRAM=1)"
  jcmd "$SERVICE_PID" GC.class_histogram | head -30
fi

echo "== sample lookup"
SAMPLE=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $(cat "$WORK/token")" "http://127.0.0.1:$PORT/api/v1/routes/+4740000000")
SAMPLE_BYTES=$(( $(printf %s "$SAMPLE" | wc -c) - 4 ))
# The ceiling answers the lookups' own request (a number in the path, a caller in the query), reading both and
# ignoring them: what the framework does with a lookup's parameters is in the ceiling, not counted as the lookup's.
CEILING_PATH="/api/v1/bench/ceiling/+474%07d"
CEILING_BYTES=$(curl -s -H "Authorization: Bearer $(cat "$WORK/token")" \
  "http://127.0.0.1:$PORT/api/v1/bench/ceiling/+4740000000?caller=%2B4740000001" | wc -c)
SMALL_BYTES=$(curl -s -H "Authorization: Bearer $(cat "$WORK/token")" "http://127.0.0.1:$PORT/api/v1/bench/ceiling/small" | wc -c)
echo "$SAMPLE"
case "$SAMPLE" in *" 200") ;; *) echo "lookup failed; service log:"; grep -v '^\s*at ' "$WORK/service.log" | tail -20; exit 1;; esac
# User 0 is in a meeting now (voicemail); its first priority caller rings through.
SAMPLE=$(curl -s -H "Authorization: Bearer $(cat "$WORK/token")" "http://127.0.0.1:$PORT/api/v1/routes/+4740000000?caller=%2B4798000000")
echo "$SAMPLE"
case "$SAMPLE" in *'"ringThrough":"PRIORITY_CALLER"'*) ;; *) echo "a priority caller did not ring through"; exit 1;; esac

echo "== load: open loop, $RATE req/s, ${WARMUP}s warm-up + ${DURATION}s measured, $CONNS connections"
# The service's CPU time per request (user + system, from /proc) over the measured run alone, read by the load
# generator as the run starts and ends (warm-up and JIT work left out): unlike the latency tail, it hardly moves with
# what else this shared machine is doing, so it is the figure to compare across runs.
CLK_TCK=$(getconf CLK_TCK)
cpu_us_per_request() { awk -v t="$1" -v hz="$CLK_TCK" -v n="$2" 'BEGIN{printf "%.1f", t * 1e6 / hz / n}'; }
# Requests sent by one load run at rate $1, warm-up included (PostgreSQL's CPU is counted over both).
sent() { echo $(( ($1 * WARMUP / CONNS + $1 * DURATION / CONNS) * CONNS )); }
# A process's CPU time in clock ticks (user + system), or that of its threads whose names match the regex $2.
proc_ticks() {
  if [ -z "${2:-}" ]; then awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; return; fi
  local total=0 task
  for task in /proc/"$1"/task/*; do
    grep -Eq "$2" "$task/comm" 2>/dev/null || continue
    total=$(( total + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "$task/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
# HotSpot's names of the garbage collectors' threads (G1's and the parallel workers'), as LoadGen reads them.
GC_THREADS='^(G1 |GC Thread)'
seconds() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN{printf "%.1f", t / hz}'; }
# PostgreSQL's CPU time (every server process: the decision writer's backend, WAL writer, checkpointer, autovacuum),
# the decision log's cost outside the service; zero for the ceiling unless something else uses the server.
pg_ticks() {
  local total=0 pid
  for pid in $(pgrep -u postgres); do
    total=$(( total + $(proc_ticks "$pid" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
# async-profiler, loaded into the running service for one load and unloaded after it (PROFILE=DIR only).
PROFILER_LIB=""
if [ -n "${PROFILE:-}" ]; then
  mkdir -p "$PROFILE"
  mvn -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.0 -DoutputDirectory="$WORK/profiler"
  (cd "$WORK/profiler" && unzip -q -o async-profiler-4.0.jar linux-x64/libasyncProfiler.so)
  PROFILER_LIB="$WORK/profiler/linux-x64/libasyncProfiler.so"
fi
profile() {
  [ -n "$PROFILER_LIB" ] || return 0
  # jcmd reads name=value words as its own options: the agent's options go in quotes of their own.
  jcmd "$SERVICE_PID" JVMTI.agent_load "$PROFILER_LIB" "\"$1\"" > /dev/null
}
# One load generator run with the service's CPU read over its measured part: its lines in load.out, the CPU clock
# ticks and requests of the measured part in MEASURED_TICKS and MEASURED_REQUESTS, the generator's own ticks in
# LOADGEN_TICKS, the service's garbage collector threads' in GC_TICKS.
measured_run() {
  java -Dservice.pid="$SERVICE_PID" -cp "$CP" com.calroute.bench.routing.LoadGen "$@" > "$WORK/load.all"
  grep -v '^service-cpu-ticks' "$WORK/load.all" > "$WORK/load.out"
  read -r _ MEASURED_TICKS _ MEASURED_REQUESTS _ LOADGEN_TICKS _ GC_TICKS < <(grep '^service-cpu-ticks' "$WORK/load.all")
}
load() {
  local pg_before pg_after name
  name=$(echo "$1" | tr -cs 'a-zA-Z0-9' '-')$6
  profile "start,event=cpu,interval=200us,threads"
  pg_before=$(pg_ticks)
  measured_run "$@"
  pg_after=$(pg_ticks)
  profile "dump,file=${PROFILE:-}/$name.collapsed,collapsed"
  profile "stop,file=${PROFILE:-}/$name.html"
  cat "$WORK/load.out"
  cpu_us_per_request "$MEASURED_TICKS" "$MEASURED_REQUESTS" > "$WORK/load.cpu"
  cpu_us_per_request "$LOADGEN_TICKS" "$MEASURED_REQUESTS" > "$WORK/load.gencpu"
  cpu_us_per_request "$GC_TICKS" "$MEASURED_REQUESTS" > "$WORK/load.gccpu"
  # PostgreSQL's over the whole load (warm-up too): what the log costs outside the service, for information.
  cpu_us_per_request $(( pg_after - pg_before )) "$(sent "$6")" > "$WORK/load.pgcpu"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", (a + b) / 2}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a - b}'; }
# Once through each endpoint first, so that the JIT's work on the shared code lands on none of the measured runs; the
# lookups both without and with callers: warmed with callers only, the JIT compiled the lookup without the branch a
# missing caller takes, and the first measured run (without callers) paid for its recompilation (the compiler threads'
# samples five times the ceiling's in a profile, that run's CPU per request ≈ 10 % above the run with callers).
warm_up() { tool LoadGen "JIT warm-up" "$PORT" "$WORK/token" "$1" "$TARGET_USERS" "$RATE" "$WARMUP" 1 "$CONNS" ${2:-} > /dev/null; }
warm_up /api/v1/bench/ceiling/small
warm_up "$CEILING_PATH" callers
warm_up "/api/v1/routes/+474%07d"
warm_up "/api/v1/routes/+474%07d" callers
load "bare JSON, 40 bytes" "$PORT" "$WORK/token" /api/v1/bench/ceiling/small "$TARGET_USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS"
SMALL=$(cat "$WORK/load.out"); SMALL_CPU=$(cat "$WORK/load.cpu")
load "bare JSON (ceiling)" "$PORT" "$WORK/token" "$CEILING_PATH" "$TARGET_USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS" callers
CEILING=$(cat "$WORK/load.out"); CEILING_CPU=$(cat "$WORK/load.cpu"); CEILING_PG=$(cat "$WORK/load.pgcpu")
CEILING_GC=$(cat "$WORK/load.gccpu")
load "route lookups" "$PORT" "$WORK/token" "/api/v1/routes/+474%07d" "$TARGET_USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS"
LOOKUPS=$(cat "$WORK/load.out"); LOOKUPS_CPU=$(cat "$WORK/load.cpu"); LOOKUPS_PG=$(cat "$WORK/load.pgcpu")
LOOKUPS_GC=$(cat "$WORK/load.gccpu")
load "lookups with caller" "$PORT" "$WORK/token" "/api/v1/routes/+474%07d" "$TARGET_USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS" callers
CALLER_LOOKUPS=$(cat "$WORK/load.out"); CALLER_CPU=$(cat "$WORK/load.cpu"); CALLER_PG=$(cat "$WORK/load.pgcpu")
CALLER_GEN=$(cat "$WORK/load.gencpu"); CALLER_GC=$(cat "$WORK/load.gccpu")
# The ceiling once more after the lookups: the machine drifts over minutes, and the mean of a ceiling before and one
# after is what the lookups between them are compared with.
load "bare JSON (ceiling)" "$PORT" "$WORK/token" "$CEILING_PATH" "$TARGET_USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS" callers
CEILING_AFTER=$(cat "$WORK/load.out"); CEILING_BEFORE_CPU=$CEILING_CPU; CEILING_AFTER_CPU=$(cat "$WORK/load.cpu")
CEILING_AFTER_GC=$(cat "$WORK/load.gccpu")
CEILING_CPU=$(mean "$CEILING_BEFORE_CPU" "$CEILING_AFTER_CPU")
p99_of() { echo "$1" | sed -E 's/.* p99 ([0-9.]+) ms.*/\1/'; }
if [ "$HIGH_RATE" -gt 0 ]; then
  echo "== load at the higher rate: $HIGH_RATE req/s"
  load "bare JSON (ceiling)" "$PORT" "$WORK/token" "$CEILING_PATH" "$TARGET_USERS" "$HIGH_RATE" "$WARMUP" "$DURATION" "$CONNS" callers
  HIGH_CEILING=$(cat "$WORK/load.out"); HIGH_CEILING_CPU=$(cat "$WORK/load.cpu")
  HIGH_CEILING_GEN=$(cat "$WORK/load.gencpu")
  load "lookups with caller" "$PORT" "$WORK/token" "/api/v1/routes/+474%07d" "$TARGET_USERS" "$HIGH_RATE" "$WARMUP" "$DURATION" "$CONNS" callers
  HIGH_CALLER=$(cat "$WORK/load.out"); HIGH_CALLER_CPU=$(cat "$WORK/load.cpu"); HIGH_CALLER_PG=$(cat "$WORK/load.pgcpu")
  HIGH_CALLER_GEN=$(cat "$WORK/load.gencpu")
  load "bare JSON (ceiling)" "$PORT" "$WORK/token" "$CEILING_PATH" "$TARGET_USERS" "$HIGH_RATE" "$WARMUP" "$DURATION" "$CONNS" callers
  HIGH_CEILING_AFTER=$(cat "$WORK/load.out")
  HIGH_CEILING_BEFORE_CPU=$HIGH_CEILING_CPU; HIGH_CEILING_AFTER_CPU=$(cat "$WORK/load.cpu")
  HIGH_CEILING_CPU=$(mean "$HIGH_CEILING_BEFORE_CPU" "$HIGH_CEILING_AFTER_CPU")
fi

# CPU per request with the ceiling and the lookups with caller interleaved, in one warm generator: SLICES rounds of
# ceiling, lookups, lookups, ceiling (SLICE_SECONDS each), so that a drift of the machine over a round falls on both
# alike. (Each slice had a generator JVM of its own before: its start and its JIT, on the same two cores, fell on the
# slices unevenly.)
SLICES=${SLICES:-5}
SLICE_SECONDS=${SLICE_SECONDS:-6}
SLICE_RATIOS=""
if [ "$SLICES" -gt 0 ]; then
  java -Dservice.pid="$SERVICE_PID" -cp "$CP" com.calroute.bench.routing.LoadGen interleave "$PORT" "$WORK/token" \
    "$CEILING_PATH" "/api/v1/routes/+474%07d" "$TARGET_USERS" "$RATE" 2 "$SLICE_SECONDS" "$SLICES" "$CONNS" callers \
    > "$WORK/slices"
  # Lines "slice A|B ticks requests", A the ceiling: a round's ratio is its lookups' CPU per request over its ceiling's.
  SLICE_RATIOS=$(awk '{t[$2] += $3; n[$2] += $4}
    NR % 4 == 0 {printf " %.2f", (t["B"] / n["B"]) / (t["A"] / n["A"]); split("", t); split("", n)}' "$WORK/slices")
  read -r CEIL_T CEIL_N CALL_T CALL_N < <(awk '{t[$2] += $3; n[$2] += $4} END {print t["A"], n["A"], t["B"], n["B"]}' \
    "$WORK/slices")
  SLICED_CEILING_CPU=$(cpu_us_per_request "$CEIL_T" "$CEIL_N")
  SLICED_CALLER_CPU=$(cpu_us_per_request "$CALL_T" "$CALL_N")
fi

DECISION_METRICS=$(curl -s "http://127.0.0.1:$PORT/q/metrics" | grep -E '^calroute_route_decisions_(stored|dropped)_total')
DECISIONS=$(echo "$DECISION_METRICS" \
  | sed -E 's/^calroute_route_decisions_//; s/_total//; s/\{cause="([a-z_]+)"[^}]*\}/(\1)/; s/\{[^}]*\}//' | tr '\n' ' ')

STORE_FAILURES=$(echo "$DECISION_METRICS" \
  | awk '/^calroute_route_decisions_dropped_total\{cause="store"/ {n += $NF} END {printf "%d", n}')
echo "== cold rebuild: restart the replica against the same topics"
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
STARTED=$(date +%s%N)
BROKER_TICKS_BEFORE=$(proc_ticks "$BROKER_PID")
# PROFILE=DIR: the rebuild is profiled from the JVM's start to readiness (where the replay's time goes).
start_service ${PROFILER_LIB:+-agentpath:$PROFILER_LIB=start,event=cpu,interval=1ms,threads}
wait_ready
COLD_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
# Where the start's CPU went: the restarted service from its JVM's start (its collector's threads apart) and the broker
# serving the replay, against what the machine's cores offered over the same wall time.
REBUILD_CPU="service $(seconds "$(proc_ticks "$SERVICE_PID")") s (garbage collector $(seconds "$(proc_ticks "$SERVICE_PID" "$GC_THREADS")") s),\
 broker $(seconds $(( $(proc_ticks "$BROKER_PID") - BROKER_TICKS_BEFORE ))) s, of $(awk -v ms="$COLD_MS" -v n="$(nproc)" 'BEGIN{printf "%.1f", ms * n / 1000}') s the $(nproc) cores offered"
profile "dump,file=${PROFILE:-}/rebuild.collapsed,collapsed"
profile "stop,file=${PROFILE:-}/rebuild.html"
# Routing's own readiness check carries the replay figures (Quarkus adds other readiness checks beside it).
CATCH_UP_MS=$(ready_data | jq '[.checks[] | select(.data.catchUpMillis != null)][0].data.catchUpMillis')
REBUILT_USERS=$(ready_data | jq '[.checks[] | select(.data.users != null)][0].data.users')
# RESTARTS=N: N restarts in a row (the start's spread on this machine); RESTART_ALT_OPTS: every second one with these
# JVM options after the others (later options win), RESTART_ALT_APP: every second one running that build, to compare
# two settings' or two builds' starts in the same run.
# What the running service's start cost: its CPU since its JVM started, and its collector's share.
start_cpu() { echo "service CPU $(seconds "$(proc_ticks "$SERVICE_PID")") s, collector $(seconds "$(proc_ticks "$SERVICE_PID" "$GC_THREADS")") s"; }
RESTARTS_SEEN="$COLD_MS ms (replay $CATCH_UP_MS, $(start_cpu))"
for i in $(seq 2 "${RESTARTS:-1}"); do
  ALT=""; ALT_APP=""
  [ $((i % 2)) = 0 ] && ALT=${RESTART_ALT_OPTS:-} && ALT_APP=${RESTART_ALT_APP:-}
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  STARTED=$(date +%s%N)
  start_service "$ALT" "$ALT_APP"
  wait_ready
  MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
  REPLAY=$(ready_data | jq '[.checks[] | select(.data.catchUpMillis != null)][0].data.catchUpMillis')
  RESTARTS_SEEN="$RESTARTS_SEEN, $MS ms (replay $REPLAY, $(start_cpu)${ALT:+, alternative options}${ALT_APP:+, alternative build})"
done
# A restarted replica also holds what it read back from the status topic: its heap is the one to size for.
REBUILT_KB=$(heap_used_kb)
if [ "${HISTOGRAM:-0}" = 1 ]; then
  echo "== the restarted replica's largest classes (HISTOGRAM=1)"
  jcmd "$SERVICE_PID" GC.class_histogram | head -30
fi

echo
echo "================ route-lookups benchmark ================"
echo "config : $USERS users with calendars (the lookups to the first $TARGET_USERS of them), OIDC RS256 on every request, service -Xmx$SERVICE_HEAP $SERVICE_GC${IMAGE_OPTS:+ $IMAGE_OPTS}${SERVICE_OPTS:+ $SERVICE_OPTS}, broker + service + load generator on"
echo "         this $(nproc)-core machine (loopback), open-loop load at $RATE req/s for ${DURATION}s after ${WARMUP}s warm-up, $CONNS keep-alive connections"
echo "         the decision log's PostgreSQL (same machine) $PG_PLACEMENT"
echo "         lookups with caller: a third each a priority caller of the callee (5 per user), another user (colleagues"
echo "         ring through for every other user), a stranger"
echo "bar    : p99 <= ${BAR_P99_MS} ms at 5000 req/s for lookups with caller"
echo "ceiling: a lookup's request with caller (its parameters read, then ignored), the same auth and a fixed answer of a lookup's shape"
echo "         and size ($CEILING_BYTES bytes; the sample lookup's $SAMPLE_BYTES), written by the same JSON writer, without the table or the decision"
echo "         log; the $SMALL_BYTES-byte answer (no parameters) is the earlier ceiling, for comparison"
echo "result : $SMALL"
echo "result : $CEILING"
echo "result : $LOOKUPS"
echo "result : $CALLER_LOOKUPS"
echo "result : $CEILING_AFTER   (again)"
echo "cpu    : service CPU per request over each measured run: ceiling $CEILING_CPU µs (before the lookups $CEILING_BEFORE_CPU, after $CEILING_AFTER_CPU), lookups $LOOKUPS_CPU µs ($(ratio "$LOOKUPS_CPU" "$CEILING_CPU") × ceiling),"
echo "         with caller $CALLER_CPU µs ($(ratio "$CALLER_CPU" "$CEILING_CPU") × ceiling); bar: at most 1.2 × ceiling"
if [ "$SLICES" -gt 0 ]; then
  echo "         interleaved ($SLICES rounds of ceiling, lookups, lookups, ceiling, ${SLICE_SECONDS} s each at $RATE req/s, one generator): ceiling $SLICED_CEILING_CPU µs, with caller $SLICED_CALLER_CPU µs"
  echo "         ($(ratio "$SLICED_CALLER_CPU" "$SLICED_CEILING_CPU") × ceiling; round by round:$SLICE_RATIOS)"
fi
echo "         40-byte answer $SMALL_CPU µs: lookups $(ratio "$LOOKUPS_CPU" "$SMALL_CPU") ×, with caller $(ratio "$CALLER_CPU" "$SMALL_CPU") × that"
echo "         PostgreSQL CPU per request (the decision log's writes): ceiling $CEILING_PG µs, lookups $LOOKUPS_PG µs,"
echo "         with caller $CALLER_PG µs; the load generator's own CPU per request (same cores): $CALLER_GEN µs"
echo "         of the service's, its garbage collector's threads (a concurrent mark of a large table falls in some runs"
echo "         and not others): ceiling $CEILING_GC / $CEILING_AFTER_GC µs (before / after), lookups $LOOKUPS_GC µs, with caller $CALLER_GC µs;"
echo "         without them: lookups $(ratio "$(minus "$LOOKUPS_CPU" "$LOOKUPS_GC")" "$(mean "$(minus "$CEILING_BEFORE_CPU" "$CEILING_GC")" "$(minus "$CEILING_AFTER_CPU" "$CEILING_AFTER_GC")")") ×," \
  "with caller $(ratio "$(minus "$CALLER_CPU" "$CALLER_GC")" "$(mean "$(minus "$CEILING_BEFORE_CPU" "$CEILING_GC")" "$(minus "$CEILING_AFTER_CPU" "$CEILING_AFTER_GC")")") × the ceiling's"
echo "heap   : $(( BASE_KB / 1024 )) MB empty, $(( FULL_KB / 1024 )) MB with $USERS users live (class histogram) => ~$PER_USER bytes per user"
if [ "$HIGH_RATE" -gt 0 ]; then
  echo "high   : $HIGH_CEILING"
  echo "high   : $HIGH_CALLER"
  echo "high   : $HIGH_CEILING_AFTER   (again)"
  echo "         p99 with caller $(ratio "$(p99_of "$HIGH_CALLER")" "$(p99_of "$HIGH_CEILING")") × the ceiling's (bar 1.2 ×;" \
    "$(ratio "$(p99_of "$HIGH_CALLER")" "$(p99_of "$HIGH_CEILING_AFTER")") × the ceiling's measured after it);" \
    "CPU per request ceiling $HIGH_CEILING_CPU µs (before $HIGH_CEILING_BEFORE_CPU, after $HIGH_CEILING_AFTER_CPU), with caller $HIGH_CALLER_CPU µs ($(ratio "$HIGH_CALLER_CPU" "$HIGH_CEILING_CPU") ×)"
  echo "         the machine's CPU per request at this rate: ceiling $HIGH_CEILING_CPU µs + generator $HIGH_CEILING_GEN µs;" \
    "with caller $HIGH_CALLER_CPU + generator $HIGH_CALLER_GEN + PostgreSQL $HIGH_CALLER_PG µs (2 cores = $(( 2000000 / HIGH_RATE )) µs per request)"
fi
echo "log    : route decisions $DECISIONS"
echo "rebuild: restarted replica ready after $COLD_MS ms (process start to readiness), table replay $CATCH_UP_MS ms, $REBUILT_USERS users;"
echo "         its CPU until ready: $REBUILD_CPU"
[ "${RESTARTS:-1}" -gt 1 ] && echo "         restarts in a row: $RESTARTS_SEEN${RESTART_ALT_OPTS:+; alternative options: $RESTART_ALT_OPTS}${RESTART_ALT_APP:+; alternative build: $RESTART_ALT_APP}"
echo "         its live heap $(( REBUILT_KB / 1024 )) MB => ~$(( (REBUILT_KB - BASE_KB) * 1024 / USERS )) bytes per user"
P99=$(p99_of "$CALLER_LOOKUPS")
if [ "$STORE_FAILURES" != 0 ]; then
  echo "verdict: INVALID (the decision log failed to store $STORE_FAILURES decisions: the lookups ran without it)"
elif awk "BEGIN{exit !($P99 <= $BAR_P99_MS)}"; then echo "verdict: PASS (lookup with caller p99 $P99 ms)"; else echo "verdict: FAIL (lookup with caller p99 $P99 ms)"; fi
