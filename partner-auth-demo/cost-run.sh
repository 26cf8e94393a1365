#!/usr/bin/env bash
# The per-request cost table of issues 15 and 24 (docs/benchmarks.md, "Where the time goes"). From
# the repository root, after peer-run.sh (or the same mvn package) has built the jars:
#   partner-auth-demo/cost-run.sh                 the demo at its defaults (in memory)
#   JDBC=1 partner-auth-demo/cost-run.sh          the cluster path: the demo with --jdbc-url on a fresh
#                                                 PostgreSQL database (created here, dropped on exit)
# Starts the demo alone on 127.0.0.1, warms it up with landings (which run all three requests),
# then for each of MODES drives it with wrk and the Lua script of src/test/bench (every reply
# checked; a window with errors is refused) for SECS seconds with a JFR recording (Java samples
# every 2 ms, native samples every 2 ms) and per-thread CPU snapshots taken at the window's edges,
# and prints CostTable's table: CPU us per turn by thread and by stage, and (JDBC=1) the shares of
# the request threads' waits in native code (the database's round trips) and the CPU the
# database's own backends spent per turn.
#
#   MODES="auth pair landing" SECS=20 WARM=60 CONNS=50 WRK_THREADS=2 JDBC=0 PARTNERS=200
#   JAR=partner-auth-demo/target/partner-auth-demo.jar   the demo build to measure (an older copy for "before")
#   DEMO_JAVA_OPTS                                       extra JVM options of the demo
#   DEMO_PORT=18730 (and +1 for its PRM side)  PG_URL=jdbc:postgresql://127.0.0.1:5432  PSQL="psql -h 127.0.0.1 -U postgres -d test"
set -euo pipefail
cd "$(dirname "$0")/.."
MODES=${MODES:-auth pair landing}
SECS=${SECS:-20}
WARM=${WARM:-60}
CONNS=${CONNS:-50}
WRK_THREADS=${WRK_THREADS:-2}
JDBC=${JDBC:-0}
JAR=${JAR:-partner-auth-demo/target/partner-auth-demo.jar}
DEMO_PORT=${DEMO_PORT:-18730}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres -d test}
CP="partner-auth-demo/target/partner-auth-demo.jar:partner-auth-demo/target/test-classes"
BENCH=partner-auth-demo/src/test/bench
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-cost-run-admin-password}
for f in "$JAR" partner-auth-demo/target/test-classes/dev/partnerauth/bench/CostTable.class; do
  [ -f "$f" ] || { echo "cost-run: $f is missing; build first (see peer-run.sh)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "cost-run: wrk is missing (Debian package wrk)" >&2; exit 1; }

DEMO_PID=
LOAD_PID=
DB=
cleanup() {
  for p in $LOAD_PID $DEMO_PID; do kill "$p" 2>/dev/null || true; done
  for p in $LOAD_PID $DEMO_PID; do wait "$p" 2>/dev/null || true; done
  if [ -n "$DB" ]; then
    $PSQL -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || echo "cost-run: could not drop $DB" >&2
  fi
  echo "logs: $DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

FLAGS=()
if [ "$JDBC" = 1 ]; then
  DB="cost_run_$(tr -dc 'a-z0-9' </dev/urandom | head -c 10 || true)"
  $PSQL -q -c "CREATE DATABASE $DB" >/dev/null
  FLAGS=(--jdbc-url "$PG_URL/$DB?user=postgres")
fi
# shellcheck disable=SC2086
java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints ${DEMO_JAVA_OPTS:-} -jar "$JAR" --port "$DEMO_PORT" \
  --prm-port $((DEMO_PORT + 1)) --data-dir "$DATA/demo-data" "${FLAGS[@]}" >"$DATA/demo.out" 2>"$DATA/demo.err" &
DEMO_PID=$!
for _ in $(seq 1 600); do
  grep -q "partner-auth demo ready" "$DATA/demo.out" 2>/dev/null && break
  kill -0 "$DEMO_PID" 2>/dev/null || { tail -n 20 "$DATA/demo.err" >&2; exit 1; }
  sleep 0.2
done
grep -q "partner-auth demo ready" "$DATA/demo.out" || { echo "cost-run: demo not ready after 120 s" >&2; exit 1; }

# JFR's profile settings with Java and native samples every 2 ms instead of 10 and 20
JFC="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc"
sed -e 's/\(control="method-sampling-java-interval">\)10 ms</\12 ms</' \
  -e 's/\(control="method-sampling-native-interval">\)20 ms</\12 ms</' "$JFC" >"$DATA/samples.jfc"
URL=http://127.0.0.1:$DEMO_PORT
admin=$URL/api/v1/admin/partner-auth
curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
  -d '{"enabled":true,"crm":"SALESFORCE","allowed_origins":[]}' "$admin/settings" >/dev/null
# PARTNERS keys, one partner each: a partner may have at most 10 000 tokens minted in two token
# lifetimes (maxOutstandingTokensPerPartner), so one partner alone is refused past 83 mints/s
KEY=
for i in $(seq 1 "${PARTNERS:-200}"); do
  k=$(curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"cost run $i\"}" "$admin/keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$k" ] || { echo "cost-run: no key" >&2; exit 1; }
  KEY=${KEY:+$KEY,}$k
done

# load MODE SECS: a bounded, checked wrk run; its wrk-turns line in $DATA/MODE.load
load() {
  wrk -t "$WRK_THREADS" -c "$CONNS" -d "${2}s" --timeout 10s -s "$BENCH/$1.lua" "$URL" -- "$KEY" >"$DATA/$1.load" 2>&1 &
  LOAD_PID=$!
  wait "$LOAD_PID" || { LOAD_PID=; cat "$DATA/$1.load" >&2; exit 1; }
  LOAD_PID=
  grep -q '^wrk-turns' "$DATA/$1.load" || { cat "$DATA/$1.load" >&2; exit 1; }
}
field() { awk -v n="$1" '/^wrk-turns/ { for (i = 1; i < NF; i++) if ($i == n) { print $(i + 1); exit } }' "$2"; }
# the CPU ticks of the database's backends serving DB (0 in memory)
db_ticks() {
  [ -n "$DB" ] || { echo 0; return; }
  local pids t=0 p
  pids=$($PSQL -Atc "select pid from pg_stat_activity where datname = '$DB'")
  for p in $pids; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$p/stat")))
  done
  echo "$t"
}

echo "cost-run $(date -u +%FT%TZ) $JAR: MODES=\"$MODES\" SECS=$SECS WARM=$WARM CONNS=$CONNS JDBC=$JDBC;$(uptime | sed 's/.*load/ load/')"
load landing "$WARM"
echo "warm-up: $(grep '^wrk-turns' "$DATA/landing.load" | cut -d' ' -f2-16)"
for mode in $MODES; do
  load "$mode" 5 # the mode's own paths, unmeasured
  java -cp "$CP" dev.partnerauth.bench.CostTable snapshot "$DEMO_PID" "$DATA/$mode.before"
  db_before=$(db_ticks)
  jcmd "$DEMO_PID" JFR.start name="$mode" settings="$DATA/samples.jfc" filename="$DATA/$mode.jfr" >/dev/null
  load "$mode" "$SECS"
  jcmd "$DEMO_PID" JFR.stop name="$mode" >/dev/null
  db_after=$(db_ticks)
  java -cp "$CP" dev.partnerauth.bench.CostTable snapshot "$DEMO_PID" "$DATA/$mode.after"
  grep '^wrk-' "$DATA/$mode.load"
  errors=$(field errors "$DATA/$mode.load")
  [ "$errors" = 0 ] || { echo "cost-run: $mode had $errors errors: its table would not be comparable" >&2; exit 1; }
  turns=$(field turns "$DATA/$mode.load")
  echo "== $mode:$(uptime | sed 's/.*load/ load/')"
  java -cp "$CP" dev.partnerauth.bench.CostTable report "$DATA/$mode.before" "$DATA/$mode.after" "$DATA/$mode.jfr" "$turns"
  if [ -n "$DB" ]; then
    awk -v t=$((db_after - db_before)) -v n="$turns" 'BEGIN { printf "the database (its backends for this database, from /proc): %.0f us CPU per turn\n", t * 1e6 / 100 / n }'
  fi
done
