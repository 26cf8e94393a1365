#!/usr/bin/env bash
# The peer comparison of issue 15 (docs/benchmarks.md, "Peer harness (issue 15)"). From the
# repository root: partner-auth-demo/peer-run.sh
# It builds the demo and the Spring Security one-time-token peer (src/test/peer/spring-ott), starts
# BareServer, the demo and the peer on 127.0.0.1, warms each up, runs ROUNDS rounds of
# bare / authenticate / pair / Spring pair one after the other (A B A B), prints the ratios, and,
# with FLAT > 0, measures the mint rate from 0 to FLAT outstanding tokens on fresh servers.
# Everything it starts is stopped on exit. Nothing but loopback is ever addressed.
#
#   CONNS=50 SECS=10 WARM=30 ROUNDS=4   connections, measured s per target per round, warm-up s per target
#   TARGETS="bare auth pair spring-pair"   which to alternate (spring-generate and landing also exist, see below)
#   FLAT=0 FLAT_STEP=100000 FLAT_SECS=600 FLAT_TTL=600   tokens to mint for the flat measurement (0: skip),
#                                        report step, time bound per product, the demo's token lifetime then
#   SKIP_BUILD=1                          reuse the jars already built
#   REF_JAR=path/to/older/partner-auth-demo.jar   also start that build of the demo (on DEMO_PORT+2) and run
#                                        each demo target against it too, as auth~ref, pair~ref, ... (before/after)
#   REF_JAVA_OPTS                         JVM options of that reference demo (default: DEMO_JAVA_OPTS), so that
#                                        REF_JAR set to the same jar compares two sets of JVM options
#   DEMO_JAVA_OPTS PEER_JAVA_OPTS BARE_JAVA_OPTS LOAD_JAVA_OPTS   extra JVM options per process
#   DEMO_PORT=18080 (and +1 for its PRM side) BARE_PORT=18090 PEER_PORT=18100
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${CONNS:-50}
SECS=${SECS:-10}
WARM=${WARM:-30}
ROUNDS=${ROUNDS:-4}
TARGETS=${TARGETS:-bare auth pair spring-pair}
FLAT=${FLAT:-0}
FLAT_STEP=${FLAT_STEP:-100000}
FLAT_SECS=${FLAT_SECS:-600}
FLAT_TTL=${FLAT_TTL:-600}
DEMO_PORT=${DEMO_PORT:-18080}
BARE_PORT=${BARE_PORT:-18090}
PEER_PORT=${PEER_PORT:-18100}
JAR=partner-auth-demo/target/partner-auth-demo.jar
PEER_JAR=partner-auth-demo/src/test/peer/spring-ott/target/spring-ott-peer.jar
CP="$JAR:partner-auth-demo/target/test-classes"
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-peer-run-admin-password}
# Spring's in-memory token service keeps tokens for 5 minutes; it is not configurable from outside
SPRING_TTL=300

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -pl partner-auth-demo -am package -DskipTests
  mvn -q -f partner-auth-demo/src/test/peer/spring-ott/pom.xml package -DskipTests
fi
for f in "$JAR" "$PEER_JAR" partner-auth-demo/target/test-classes/dev/partnerauth/bench/HttpLoad.class; do
  [ -f "$f" ] || { echo "peer-run: $f is missing; run without SKIP_BUILD=1" >&2; exit 1; }
done

PIDS=()
LOAD_PID=
stop_all() {
  for p in $LOAD_PID "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in $LOAD_PID "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
  LOAD_PID=
}
trap 'stop_all; echo "logs: $DATA"' EXIT
trap 'exit 130' INT TERM

load() {
  # shellcheck disable=SC2086
  java ${LOAD_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.HttpLoad "$@"
}

# the long loads run in the background and are waited for, so that a TERM stops them at once
run_load() {
  # shellcheck disable=SC2086
  java ${LOAD_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.HttpLoad "$@" &
  LOAD_PID=$!
  local rc=0
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=
  return "$rc"
}

# start NAME READY_TEXT COMMAND...: starts a server in the background, waits at most 120 s for its line
start() {
  local name=$1 ready=$2
  shift 2
  "$@" >"$DATA/$name.out" 2>"$DATA/$name.err" &
  PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 600); do
    if grep -q "$ready" "$DATA/$name.out" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "peer-run: $name exited before it was ready:" >&2
      tail -n 20 "$DATA/$name.out" "$DATA/$name.err" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "peer-run: $name not ready after 120 s ($DATA/$name.out)" >&2
  exit 1
}

start_demo() {  # start_demo DATA_DIR [demo flags...]
  local dir=$1
  shift
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  start demo "partner-auth demo ready" java ${DEMO_JAVA_OPTS:-} -jar "$JAR" --port "$DEMO_PORT" \
    --prm-port $((DEMO_PORT + 1)) --data-dir "$dir" "$@"
}

start_ref() {  # the reference build of REF_JAR, with the same options, two ports up
  mkdir -p "$DATA/ref-data"
  # shellcheck disable=SC2086
  start ref "partner-auth demo ready" java ${REF_JAVA_OPTS-${DEMO_JAVA_OPTS:-}} -jar "$REF_JAR" --port $((DEMO_PORT + 2)) \
    --prm-port $((DEMO_PORT + 3)) --data-dir "$DATA/ref-data"
}

start_peer() {
  # shellcheck disable=SC2086
  start peer "Started SpringOttPeer" java ${PEER_JAVA_OPTS:-} -jar "$PEER_JAR" --server.port="$PEER_PORT"
}

DEMO_URL=http://127.0.0.1:$DEMO_PORT
PEER_URL=http://127.0.0.1:$PEER_PORT
echo "peer-run $(date -u +%FT%TZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?'): CONNS=$CONNS SECS=$SECS WARM=$WARM ROUNDS=$ROUNDS TARGETS=\"$TARGETS\" FLAT=$FLAT"
echo "  $(java -version 2>&1 | head -1); nproc $(nproc);$(uptime | sed 's/.*load/ load/')"

# shellcheck disable=SC2086
start bare "bare servlet" java ${BARE_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.BareServer "$BARE_PORT"
start_demo "$DATA/demo-data"
start_peer
KEY=$(load setup "$DEMO_URL")
REF_URL=http://127.0.0.1:$((DEMO_PORT + 2))
if [ -n "${REF_JAR:-}" ]; then
  start_ref
  REF_KEY=$(load setup "$REF_URL")
fi

ARGS=()
for t in $TARGETS; do
  case $t in
    bare) ARGS+=("bare=http://127.0.0.1:$BARE_PORT/api/v1/authenticate/user") ;;
    auth | pair | landing)
      ARGS+=("$t=$DEMO_URL,$KEY")
      if [ -n "${REF_JAR:-}" ]; then ARGS+=("$t~ref=$REF_URL,$REF_KEY"); fi
      ;;
    spring-pair | spring-generate) ARGS+=("$t=$PEER_URL") ;;
    *) echo "peer-run: unknown target '$t' in TARGETS" >&2; exit 1 ;;
  esac
done
# the exit status is kept so that the flat run still happens, and reported at the end
status=0
run_load rounds "$CONNS" "$SECS" "$WARM" "$ROUNDS" "${ARGS[@]}" || status=$?

if [ "$FLAT" -gt 0 ]; then
  # fresh servers, so that "0 outstanding" is true; warmed up with pairs, which leave no token behind
  stop_all
  echo "flat: fresh demo (--token-ttl $FLAT_TTL) and fresh peer (tokens live ${SPRING_TTL} s), warmed up with pairs for $WARM s"
  start_demo "$DATA/flat-data" --token-ttl "$FLAT_TTL"
  start_peer
  KEY=$(load setup "$DEMO_URL")
  run_load pair "$DEMO_URL" "$KEY" "$CONNS" 1 "$WARM"
  run_load spring-pair "$PEER_URL" "$CONNS" 1 "$WARM"
  run_load flat auth "$DEMO_URL" "$KEY" "$CONNS" "$FLAT" "$FLAT_STEP" "$FLAT_SECS" "$FLAT_TTL"
  run_load flat spring-generate "$PEER_URL" - "$CONNS" "$FLAT" "$FLAT_STEP" "$FLAT_SECS" "$SPRING_TTL"
fi
exit "$status"
