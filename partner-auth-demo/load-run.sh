#!/usr/bin/env bash
# The loopback HTTP load run of docs/benchmarks.md. From the repository root, after
#   mvn -q -pl partner-auth-demo -am package -DskipTests
# run: partner-auth-demo/load-run.sh   (CONNS, SECS, WARM, DEMO_JAVA_OPTS override the defaults)
# It starts the bare Jetty servlet and the demo on 127.0.0.1, runs three bounded wrk loads one
# after the other (the Lua scripts of src/test/bench: bare, auth, pair; WARM s unmeasured, then
# SECS s, each reply checked), prints each one's wrk-turns line, ends with status 1 if any
# measured run had an error, and stops both servers. Nothing but loopback is ever addressed.
# Absolute rates on a shared machine mean little: for ratios, use peer-run.sh.
set -euo pipefail
JAR=${JAR:-partner-auth-demo/target/partner-auth-demo.jar}
CP="$JAR:partner-auth-demo/target/test-classes"
CONNS=${CONNS:-50}
SECS=${SECS:-15}
WARM=${WARM:-15}  # the JIT is still compiling after 5 s on two cores
DEMO_PORT=${DEMO_PORT:-18750}
BARE_PORT=${BARE_PORT:-18760}
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-load-run-admin-password}

java -cp "$CP" dev.partnerauth.bench.BareServer "$BARE_PORT" >"$DATA/bare.out" 2>&1 &
BARE=$!
# shellcheck disable=SC2086
java ${DEMO_JAVA_OPTS:-} -jar "$JAR" --port "$DEMO_PORT" --prm-port $((DEMO_PORT + 1)) --data-dir "$DATA" \
  >"$DATA/demo.out" 2>"$DATA/demo.err" &
DEMO=$!
trap 'kill $BARE $DEMO 2>/dev/null; wait $BARE $DEMO 2>/dev/null || true; echo "demo log: $DATA/demo.err ($(wc -l <"$DATA/demo.err") lines)"' EXIT

for _ in $(seq 1 100); do
  if grep -q ready "$DATA/demo.out" 2>/dev/null && grep -q bare "$DATA/bare.out" 2>/dev/null; then break; fi
  sleep 0.2
done
admin=http://127.0.0.1:$DEMO_PORT/api/v1/admin/partner-auth
curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
  -d '{"enabled":true,"crm":"SALESFORCE","allowed_origins":[]}' "$admin/settings" >/dev/null
# PARTNERS keys, one partner each (a partner may have at most 10 000 tokens minted in two lifetimes)
KEY=
for i in $(seq 1 "${PARTNERS:-200}"); do
  k=$(curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"load run $i\"}" "$admin/keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$k" ] || { echo "load-run: no key" >&2; exit 1; }
  KEY=${KEY:+$KEY,}$k
done

status=0
# run SCRIPT URL [KEY]: WARM s unmeasured, then SECS s measured
run() {
  local script=$1 url=$2 args=()
  [ $# -lt 3 ] || args=(-- "$3")
  wrk -t2 -c "$CONNS" -d "${WARM}s" --timeout 10s -s "partner-auth-demo/src/test/bench/$script.lua" "$url" "${args[@]}" >/dev/null
  wrk -t2 -c "$CONNS" -d "${SECS}s" --timeout 10s -s "partner-auth-demo/src/test/bench/$script.lua" "$url" "${args[@]}" \
    >"$DATA/$script.wrk"
  grep '^wrk-' "$DATA/$script.wrk"
  grep -q '^wrk-turns .* errors 0 ' "$DATA/$script.wrk" || status=1
}
run bare "http://127.0.0.1:$BARE_PORT/api/v1/authenticate/user"
run auth "http://127.0.0.1:$DEMO_PORT" "$KEY"
run pair "http://127.0.0.1:$DEMO_PORT" "$KEY"
exit "$status"
