#!/usr/bin/env bash
# The loopback HTTP load run of docs/benchmarks.md. From the repository root, after
#   mvn -q -pl partner-auth-demo -am package -DskipTests
# run: partner-auth-demo/load-run.sh   (CONNS, SECS, WARM, DEMO_JAVA_OPTS override the defaults)
# It starts the bare Jetty servlet and the demo on 127.0.0.1, runs three bounded loads one after
# the other, and stops both servers. Nothing but loopback is ever addressed.
set -euo pipefail
JAR=${JAR:-partner-auth-demo/target/partner-auth-demo.jar}
CP="$JAR:partner-auth-demo/target/test-classes"
CONNS=${CONNS:-50}
SECS=${SECS:-15}
WARM=${WARM:-15}  # the JIT is still compiling after 5 s on two cores
DEMO_PORT=${DEMO_PORT:-18080}
BARE_PORT=${BARE_PORT:-18090}
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-load-run-admin-password}

java -cp "$CP" dev.partnerauth.bench.BareServer "$BARE_PORT" >"$DATA/bare.out" 2>&1 &
BARE=$!
# shellcheck disable=SC2086
java ${DEMO_JAVA_OPTS:-} -jar "$JAR" --port "$DEMO_PORT" --prm-port $((DEMO_PORT + 1)) --data-dir "$DATA" \
  >"$DATA/demo.out" 2>"$DATA/demo.err" &
DEMO=$!
trap 'kill $BARE $DEMO 2>/dev/null; wait $BARE $DEMO 2>/dev/null; echo "demo log: $DATA/demo.err ($(wc -l <"$DATA/demo.err") lines)"' EXIT

for _ in $(seq 1 100); do
  if grep -q ready "$DATA/demo.out" 2>/dev/null && grep -q bare "$DATA/bare.out" 2>/dev/null; then break; fi
  sleep 0.2
done
KEY=$(java -cp "$CP" dev.partnerauth.bench.HttpLoad setup "http://127.0.0.1:$DEMO_PORT")

java -cp "$CP" dev.partnerauth.bench.HttpLoad bare "http://127.0.0.1:$BARE_PORT/api/v1/authenticate/user" "$CONNS" "$SECS" "$WARM"
java -cp "$CP" dev.partnerauth.bench.HttpLoad auth "http://127.0.0.1:$DEMO_PORT" "$KEY" "$CONNS" "$SECS" "$WARM"
java -cp "$CP" dev.partnerauth.bench.HttpLoad pair "http://127.0.0.1:$DEMO_PORT" "$KEY" "$CONNS" "$SECS" "$WARM"
