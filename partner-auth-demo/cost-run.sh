#!/usr/bin/env bash
# The per-request cost table of issue 15 (docs/benchmarks.md, "Where the time goes"). From the
# repository root, after peer-run.sh (or the same mvn package) has built the jars:
#   partner-auth-demo/cost-run.sh
# Starts the demo alone on 127.0.0.1, warms it up with landings (which run all three requests),
# then for each of MODES measures SECS seconds with a JFR recording and per-thread CPU snapshots
# taken at the window's edges, and prints CostTable's table: CPU us per turn by thread and by stage.
#
#   MODES="auth pair landing" SECS=20 WARM=60 CONNS=50
#   JAR=partner-auth-demo/target/partner-auth-demo.jar   the demo build to measure (an older copy for "before")
#   DEMO_JAVA_OPTS                                       extra JVM options of the demo
#   DEMO_PORT=18080 (and +1 for its PRM side)
set -euo pipefail
cd "$(dirname "$0")/.."
MODES=${MODES:-auth pair landing}
SECS=${SECS:-20}
WARM=${WARM:-60}
CONNS=${CONNS:-50}
JAR=${JAR:-partner-auth-demo/target/partner-auth-demo.jar}
DEMO_PORT=${DEMO_PORT:-18080}
CP="partner-auth-demo/target/partner-auth-demo.jar:partner-auth-demo/target/test-classes"
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-cost-run-admin-password}
for f in "$JAR" partner-auth-demo/target/test-classes/dev/partnerauth/bench/CostTable.class; do
  [ -f "$f" ] || { echo "cost-run: $f is missing; build first (see peer-run.sh)" >&2; exit 1; }
done

DEMO_PID=
trap '[ -n "$DEMO_PID" ] && kill "$DEMO_PID" 2>/dev/null; wait 2>/dev/null; echo "logs: $DATA"' EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints ${DEMO_JAVA_OPTS:-} -jar "$JAR" --port "$DEMO_PORT" \
  --prm-port $((DEMO_PORT + 1)) --data-dir "$DATA/demo-data" >"$DATA/demo.out" 2>"$DATA/demo.err" &
DEMO_PID=$!
for _ in $(seq 1 600); do
  grep -q "partner-auth demo ready" "$DATA/demo.out" 2>/dev/null && break
  kill -0 "$DEMO_PID" 2>/dev/null || { tail -n 20 "$DATA/demo.err" >&2; exit 1; }
  sleep 0.2
done
grep -q "partner-auth demo ready" "$DATA/demo.out" || { echo "cost-run: demo not ready after 120 s" >&2; exit 1; }

# JFR's profile settings with Java samples every 2 ms instead of 10: five times the samples per window
JFC="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc"
sed 's/<setting name="period" control="method-sampling-java-interval">10 ms</<setting name="period" control="method-sampling-java-interval">2 ms</' \
  "$JFC" >"$DATA/samples.jfc"
URL=http://127.0.0.1:$DEMO_PORT
load() { java -cp "$CP" dev.partnerauth.bench.HttpLoad "$@"; }
KEY=$(load setup "$URL")
echo "cost-run $(date -u +%FT%TZ) $JAR: MODES=\"$MODES\" SECS=$SECS WARM=$WARM CONNS=$CONNS;$(uptime | sed 's/.*load/ load/')"
load landing "$URL" "$KEY" "$CONNS" "$WARM" 0 | sed 's/^/warm-up /'
for mode in $MODES; do
  load "$mode" "$URL" "$KEY" "$CONNS" 5 0 >/dev/null # the mode's own paths, unmeasured
  java -cp "$CP" dev.partnerauth.bench.CostTable snapshot "$DEMO_PID" "$DATA/$mode.before"
  jcmd "$DEMO_PID" JFR.start name="$mode" settings="$DATA/samples.jfc" filename="$DATA/$mode.jfr" >/dev/null
  load "$mode" "$URL" "$KEY" "$CONNS" "$SECS" 0 | tee "$DATA/$mode.load"
  jcmd "$DEMO_PID" JFR.stop name="$mode" >/dev/null
  java -cp "$CP" dev.partnerauth.bench.CostTable snapshot "$DEMO_PID" "$DATA/$mode.after"
  rate=$(sed -n 's/^ *[a-z]*\/s \([0-9]*\) .*/\1/p' "$DATA/$mode.load")
  echo "== $mode:$(uptime | sed 's/.*load/ load/')"
  java -cp "$CP" dev.partnerauth.bench.CostTable report "$DATA/$mode.before" "$DATA/$mode.after" "$DATA/$mode.jfr" \
    $((rate * SECS))
done
