#!/usr/bin/env bash
# Throughput of the EWS simulator: FindItem/CalendarView over 10k mailboxes x 30 items, open-loop fixed rate.
# Not a test: run it by hand; it prints the configuration, the bar and req/s with p50/p90/p99 latency per step.
# Usage: bench/ews-simulator-throughput.sh [rates (default 250,500,1000,1500,2000)] [seconds per step (default 15)]
# Environment: MAILBOXES (10000), ITEMS (30), CONNECTIONS (64 keep-alive connections of the load driver)
set -euo pipefail
cd "$(dirname "$0")/.."
RATES="${1:-250,500,1000,1500,2000}"
SECONDS_PER_STEP="${2:-15}"
MAILBOXES="${MAILBOXES:-10000}"
ITEMS="${ITEMS:-30}"
OUT=bench/ews-simulator-throughput/out
mkdir -p "$OUT"

mvn -o -q -pl ews-simulator package -DskipTests
java -cp ews-simulator/target/test-classes com.calroute.ewssim.bench.ThroughputBenchmark generate \
  --mailboxes "$MAILBOXES" --items "$ITEMS" --out "$OUT/scenario.json"

RUNNER=$(ls ews-simulator/target/ews-simulator-*-runner.jar)
java -Xms1g -Xmx2g -XX:+UseParallelGC -jar "$RUNNER" --http-port 0 --scenario "$OUT/scenario.json" > "$OUT/simulator.log" 2>&1 &
SIMULATOR=$!
trap 'kill $SIMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  URL=$(sed -n 's/^  EWS (http): *//p' "$OUT/simulator.log")
  [ -n "$URL" ] && break
  kill -0 $SIMULATOR 2>/dev/null || { cat "$OUT/simulator.log"; exit 1; }
  sleep 0.5
done
[ -n "$URL" ] || { echo "simulator did not start"; cat "$OUT/simulator.log"; exit 1; }
echo "simulator pid $SIMULATOR at $URL (seeded $MAILBOXES mailboxes x $ITEMS items)"
java -Xmx1g -cp ews-simulator/target/test-classes com.calroute.ewssim.bench.ThroughputBenchmark run \
  --url "$URL" --mailboxes "$MAILBOXES" --items "$ITEMS" --rates "$RATES" --seconds "$SECONDS_PER_STEP" --connections "${CONNECTIONS:-64}" | tee "$OUT/result.txt"
