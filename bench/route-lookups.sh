#!/usr/bin/env bash
# Route-lookup benchmark (not a test): the packaged routing-service with OIDC on (RS256 tokens checked on
# every request), a real Kafka broker, N users with calendars; open-loop load at a fixed rate on loopback.
# Prints throughput and p50/p99/p99.9 for route lookups and, in the same run, for a bare Quarkus JSON endpoint
# behind the same auth (the ceiling); heap per user; and the cold rebuild time of a restarted replica.
# Usage: bench/route-lookups.sh   (env: USERS=100000 RATE=5000 DURATION=30 WARMUP=10 CONNS=32 BUILD=1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
USERS=${USERS:-100000}
RATE=${RATE:-5000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
CONNS=${CONNS:-32}
# G1 by default: its heap_info "used" after a full GC is the live heap the per-user figure needs (ZGC's is not).
SERVICE_GC=${SERVICE_GC:--XX:+UseG1GC}
BAR_P99_MS=2
WORK=$(mktemp -d /tmp/route-lookups.XXXXXX)
BROKER_PID=""
SERVICE_PID=""

cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [ "${BUILD:-0}" = 1 ] || [ ! -f routing-service/target/quarkus-app/quarkus-run.jar ]; then
  echo "building routing-service ..."
  mvn -o -q -pl contracts,test-infrastructure install -DskipTests
  mvn -o -q -pl routing-service package -DskipTests
fi
echo "building bench tools ..."
mvn -o -q -f bench/routing-bench/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="bench/routing-bench/target/routing-bench-0.1.0-SNAPSHOT.jar:$(cat bench/routing-bench/target/classpath.txt)"
tool() { java -cp "$CP" "com.calroute.bench.routing.$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)

java -Xmx768m -cp "$CP" com.calroute.bench.routing.BenchBroker "$WORK/bootstrap" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 120); do [ -s "$WORK/bootstrap" ] && break; sleep 0.5; done
BOOTSTRAP=$(cat "$WORK/bootstrap")
tool Tokens "$WORK/public-key" "$WORK/token"
ISSUER="https://bench.calroute.invalid/realms/calroute"

start_service() {
  java -Xmx1g $SERVICE_GC \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
    -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$(cat "$WORK/public-key")" \
    -Dquarkus.oidc.token.issuer="$ISSUER" \
    -Dcalroute.bench.ceiling-endpoint=true -Dquarkus.log.level=WARN \
    -jar routing-service/target/quarkus-app/quarkus-run.jar >> "$WORK/service.log" 2>&1 &
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
heap_used_kb() {
  jcmd "$SERVICE_PID" GC.run > /dev/null; sleep 1; jcmd "$SERVICE_PID" GC.run > /dev/null; sleep 1
  jcmd "$SERVICE_PID" GC.heap_info | grep -o 'used [0-9]*[KM]' | head -1 \
    | awk '{v=$2; if (v ~ /M$/) {sub(/M/,"",v); print v*1024} else {sub(/K/,"",v); print v}}'
}

echo "== empty service: baseline heap"
start_service
wait_ready
BASE_KB=$(heap_used_kb)

echo "== seeding $USERS users with calendars"
tool SeedUsers "$BOOTSTRAP" "$USERS"
for _ in $(seq 1 1200); do
  [ "$(ready_data | jq '.checks[0].data.users')" = "$USERS" ] && break; sleep 0.5
done
FULL_KB=$(heap_used_kb)
PER_USER=$(( (FULL_KB - BASE_KB) * 1024 / USERS ))

echo "== sample lookup"
SAMPLE=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $(cat "$WORK/token")" "http://127.0.0.1:$PORT/api/v1/routes/+4740000000")
echo "$SAMPLE"
case "$SAMPLE" in *" 200") ;; *) echo "lookup failed; service log:"; grep -v '^\s*at ' "$WORK/service.log" | tail -20; exit 1;; esac

echo "== load: open loop, $RATE req/s, ${WARMUP}s warm-up + ${DURATION}s measured, $CONNS connections"
CEILING=$(tool LoadGen "bare JSON (ceiling)" "$PORT" "$WORK/token" /api/v1/bench/ceiling "$USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS")
LOOKUPS=$(tool LoadGen "route lookups" "$PORT" "$WORK/token" "/api/v1/routes/+474%07d" "$USERS" "$RATE" "$WARMUP" "$DURATION" "$CONNS")

echo "== cold rebuild: restart the replica against the same topics"
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
STARTED=$(date +%s%N)
start_service
wait_ready
COLD_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
# Routing's own readiness check carries the replay figures (Quarkus adds other readiness checks beside it).
CATCH_UP_MS=$(ready_data | jq '[.checks[] | select(.data.catchUpMillis != null)][0].data.catchUpMillis')
REBUILT_USERS=$(ready_data | jq '[.checks[] | select(.data.users != null)][0].data.users')

echo
echo "================ route-lookups benchmark ================"
echo "config : $USERS users with calendars, OIDC RS256 on every request, service -Xmx1g $SERVICE_GC, broker + service + load generator on"
echo "         this $(nproc)-core machine (loopback), open-loop load at $RATE req/s for ${DURATION}s after ${WARMUP}s warm-up, $CONNS keep-alive connections"
echo "bar    : p99 <= ${BAR_P99_MS} ms at 5000 req/s"
echo "result : $CEILING"
echo "result : $LOOKUPS"
echo "heap   : $(( BASE_KB / 1024 )) MB empty, $(( FULL_KB / 1024 )) MB with $USERS users after full GC => ~$PER_USER bytes per user"
echo "rebuild: restarted replica ready after $COLD_MS ms (process start to readiness), table replay $CATCH_UP_MS ms, $REBUILT_USERS users"
P99=$(echo "$LOOKUPS" | sed -E 's/.* p99 ([0-9.]+) ms.*/\1/')
if awk "BEGIN{exit !($P99 <= $BAR_P99_MS)}"; then echo "verdict: PASS (lookup p99 $P99 ms)"; else echo "verdict: FAIL (lookup p99 $P99 ms)"; fi
