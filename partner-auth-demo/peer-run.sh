#!/usr/bin/env bash
# The peer comparison of issues 15 and 24 (docs/benchmarks.md, "Peer harness"). From the
# repository root: partner-auth-demo/peer-run.sh
# It builds the demo and the Spring Security one-time-token peer (src/test/peer/spring-ott), then,
# for each configuration of CONFIGS:
#   mem  BareServer, the demo at its defaults (in memory, H2 file) and the peer's in-memory
#        InMemoryOneTimeTokenService;
#   pg   the demo with --jdbc-url on a fresh PostgreSQL database and the peer's jdbc profile
#        (JdbcOneTimeTokenService on Spring's own schema) on another fresh database; both
#        databases are created here and dropped on exit;
#   pg2  as pg with two nodes of each product on its one database (a cluster): the demo's nodes
#        share one key pepper, the peer's second instance finds Spring's table made by the first;
#        each target runs two wrk processes at once, one per node, with half the connections and
#        threads each; turns/s and errors add up, a percentile is the larger of the two. A turn's
#        requests stay on one node (the single use is the database's either way);
# starts them on 127.0.0.1, and drives every HTTP target with wrk and the Lua scripts of
# src/test/bench (each reply checked; a failed check or a socket error is an error): WARM s per
# target, then warm-up rounds of SECS s per target, alternating, until two consecutive rounds of
# every target agree within 10 % (at most WARM_ROUNDS of them; whether they did is printed), then
# ROUNDS measured rounds, alternating (A B A B), then each ratio round by round and its median, and
# whether consecutive measured rounds stayed within 10 %. With FLAT > 0, HttpLoad (the one thing
# wrk cannot do: count minted tokens to a total) measures the mint rate from 0 to FLAT
# outstanding tokens on fresh in-memory servers. Everything it starts is stopped on exit, every
# database it creates is dropped. Nothing but loopback is ever addressed.
#
#   CONNS=50 WRK_THREADS=2 SECS=10 WARM=30 WARM_ROUNDS=6 ROUNDS=4
#         connections, wrk threads (WRK_THREADS=CONNS: every connection chains its own requests),
#         s per target per round, first warm-up s per target, most warm-up rounds, measured rounds
#   CONFIGS="mem pg"
#   TARGETS_MEM="bare auth pair landing spring-pair"   TARGETS_PG="auth pair landing spring-generate spring-pair"
#         (TARGETS, if set, is the default of both)
#         (spring-generate is left out of mem: Spring's in-memory store scans every outstanding
#         token on each generate once 100 are outstanding, which slows its pairs after it)
#   PARTNERS=200   keys (partners) the demo's load is spread over: a partner may have at most 10 000
#         tokens minted in two token lifetimes (maxOutstandingTokensPerPartner), 83 mints/s at 60 s
#   PG_URL=jdbc:postgresql://127.0.0.1:5432   PSQL="psql -h 127.0.0.1 -U postgres -d test"
#   FLAT=0 FLAT_STEP=100000 FLAT_SECS=600 FLAT_TTL=600   tokens to mint for the flat measurement (0: skip),
#                                        report step, time bound per product, the demo's token lifetime then
#   SKIP_BUILD=1                          reuse the jars already built
#   REF_JAR=path/to/older/partner-auth-demo.jar   also start that build of the demo (on DEMO_PORT+2, and in
#                                        pg on a fresh database of its own) and run each demo target against
#                                        it too, as auth~ref, pair~ref, ... (before/after in one run)
#   REF_JAVA_OPTS                         JVM options of that reference demo (default: DEMO_JAVA_OPTS)
#   DEMO_JAVA_OPTS PEER_JAVA_OPTS BARE_JAVA_OPTS LOAD_JAVA_OPTS   extra JVM options per process
#   DEMO_PORT=18700 (and +1 for its PRM side, +2/+3 for REF_JAR, +4/+5 for pg2's second node)
#   BARE_PORT=18710 PEER_PORT=18720 (+1 for pg2's second peer)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${CONNS:-50}
WRK_THREADS=${WRK_THREADS:-2}
SECS=${SECS:-10}
WARM=${WARM:-30}
WARM_ROUNDS=${WARM_ROUNDS:-6}
ROUNDS=${ROUNDS:-4}
CONFIGS=${CONFIGS:-mem pg}
TARGETS_MEM=${TARGETS_MEM:-${TARGETS:-bare auth pair landing spring-pair}}
TARGETS_PG=${TARGETS_PG:-${TARGETS:-auth pair landing spring-generate spring-pair}}
PARTNERS=${PARTNERS:-200}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres -d test}
FLAT=${FLAT:-0}
FLAT_STEP=${FLAT_STEP:-100000}
FLAT_SECS=${FLAT_SECS:-600}
FLAT_TTL=${FLAT_TTL:-600}
DEMO_PORT=${DEMO_PORT:-18700}
BARE_PORT=${BARE_PORT:-18710}
PEER_PORT=${PEER_PORT:-18720}
JAR=partner-auth-demo/target/partner-auth-demo.jar
PEER_JAR=partner-auth-demo/src/test/peer/spring-ott/target/spring-ott-peer.jar
CP="$JAR:partner-auth-demo/target/test-classes"
BENCH=partner-auth-demo/src/test/bench
DATA=$(mktemp -d)
RESULTS=$DATA/results
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-peer-run-admin-password}
# one pepper for every demo node of a run (pg2's two nodes must share it); random per run
PARTNER_AUTH_PEPPER=${PARTNER_AUTH_PEPPER:-$(head -c 32 /dev/urandom | base64 | tr -d '\n')}
export PARTNER_AUTH_PEPPER
NODES=1
# Spring's in-memory token service keeps tokens for 5 minutes; it is not configurable from outside
SPRING_TTL=300
[ "$WRK_THREADS" -le "$CONNS" ] || { echo "peer-run: WRK_THREADS must not exceed CONNS" >&2; exit 1; }
command -v wrk >/dev/null || { echo "peer-run: wrk is missing (Debian package wrk)" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -pl partner-auth-demo -am package -DskipTests
  mvn -q -f partner-auth-demo/src/test/peer/spring-ott/pom.xml package -DskipTests
fi
for f in "$JAR" "$PEER_JAR" partner-auth-demo/target/test-classes/dev/partnerauth/bench/HttpLoad.class; do
  [ -f "$f" ] || { echo "peer-run: $f is missing; run without SKIP_BUILD=1" >&2; exit 1; }
done

PIDS=()
LOAD_PID=
DBS=()
stop_all() {
  for p in $LOAD_PID "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in $LOAD_PID "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
  LOAD_PID=
}
drop_dbs() {
  for db in "${DBS[@]}"; do
    $PSQL -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 ||
      echo "peer-run: could not drop database $db" >&2
  done
  DBS=()
}
trap 'stop_all; drop_dbs; echo "logs: $DATA"' EXIT
trap 'exit 130' INT TERM

# new_db NAME: a fresh database with a random name in NEW_DB, dropped on exit
new_db() {
  NEW_DB="peer_run_$1_$(tr -dc 'a-z0-9' </dev/urandom | head -c 10 || true)"
  DBS+=("$NEW_DB")
  $PSQL -q -c "CREATE DATABASE $NEW_DB" >/dev/null
}

# the long runs go in the background and are waited for, so that a TERM stops them at once
bg_wait() {
  "$@" &
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

# start_demo NAME PORT JAR JAVA_OPTS [demo flags...]
start_demo() {
  local name=$1 port=$2 jar=$3 opts=$4
  shift 4
  mkdir -p "$DATA/$name-data"
  # shellcheck disable=SC2086
  start "$name" "partner-auth demo ready" java $opts -jar "$jar" --port "$port" --prm-port $((port + 1)) \
    --data-dir "$DATA/$name-data" "$@"
}

# setup BASE_URL: enables the authenticator, creates PARTNERS keys (each a partner of its own) and
# prints them comma-separated (admin API, as a host's admin would). Many partners because a partner
# may have at most maxOutstandingTokensPerPartner (10 000 by default) tokens minted in two token
# lifetimes: at the demo's 60 s, one partner is refused (429) past 83 mints a second.
setup() {
  local admin=$1/api/v1/admin/partner-auth auth=(-u "admin:$DEMO_ADMIN_PASSWORD") key keys="" i
  curl -sS --fail-with-body --max-time 30 "${auth[@]}" -X PUT -H 'Content-Type: application/json' \
    -d '{"enabled":true,"crm":"SALESFORCE","allowed_origins":[]}' "$admin/settings" >/dev/null
  for i in $(seq 1 "$PARTNERS"); do
    key=$(curl -sS --fail-with-body --max-time 30 "${auth[@]}" -X POST -H 'Content-Type: application/json' \
      -d "{\"name\":\"peer run $i\"}" "$admin/keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
    [ -n "$key" ] || { echo "peer-run: no key from $admin/keys" >&2; exit 1; }
    keys=${keys:+$keys,}$key
  done
  echo "$keys"
}

# wrk_run TARGET SECS: one bounded wrk run; its wrk-turns line (label = TARGET) and any first
# failure go to $DATA/wrk.lines (a file, not a pipe, so that the run stays in this shell and a TERM stops it).
# With NODES=2 (pg2) the demo and peer targets run on both nodes at once (two_wrk).
wrk_run() {
  local target=$1 secs=$2 scenario=${1%%~*} url url2="" args=()
  case $target in
    bare) url=http://127.0.0.1:$BARE_PORT/api/v1/authenticate/user ;;
    auth | pair | landing) url=http://127.0.0.1:$DEMO_PORT args=(-- "$KEY")
      [ "$NODES" = 2 ] && url2=http://127.0.0.1:$((DEMO_PORT + 4)) ;;
    auth~ref | pair~ref | landing~ref) url=http://127.0.0.1:$((DEMO_PORT + 2)) args=(-- "$REF_KEY") ;;
    spring-generate | spring-pair) url=http://127.0.0.1:$PEER_PORT
      [ "$NODES" = 2 ] && url2=http://127.0.0.1:$((PEER_PORT + 1)) ;;
    *) echo "peer-run: unknown target '$target'" >&2; exit 1 ;;
  esac
  if [ -z "$url2" ]; then
    bg_wait wrk -t "$WRK_THREADS" -c "$CONNS" -d "${secs}s" --timeout 10s -s "$BENCH/$scenario.lua" "$url" "${args[@]}" \
      >"$DATA/wrk.out" 2>&1 || { cat "$DATA/wrk.out" >&2; echo "peer-run: wrk failed on $target" >&2; exit 1; }
  else
    bg_wait two_wrk "$scenario" "$secs" "$url" "$url2" "${args[@]}" ||
      { cat "$DATA/wrk.out" >&2; echo "peer-run: wrk failed on $target" >&2; exit 1; }
  fi
  grep '^wrk-' "$DATA/wrk.out" | sed "s/^\(wrk-turns\|wrk-first-failure\) $scenario/\1 $target/" >"$DATA/wrk.lines"
  grep -q '^wrk-turns' "$DATA/wrk.lines" || { cat "$DATA/wrk.out" >&2; echo "peer-run: no result from wrk on $target" >&2; exit 1; }
}

# two_wrk SCENARIO SECS URL1 URL2 [-- ARGS...]: one wrk per node at the same time, half the
# connections and threads each; their wrk-turns lines become one in $DATA/wrk.out (counts and
# rates added, percentiles and the maximum the larger of the two)
two_wrk() {
  local scenario=$1 secs=$2 u1=$3 u2=$4 rc=0 p1 p2
  shift 4
  local t=$(((WRK_THREADS + 1) / 2)) c=$((CONNS / 2))
  wrk -t "$t" -c "$c" -d "${secs}s" --timeout 10s -s "$BENCH/$scenario.lua" "$u1" "$@" >"$DATA/wrk1.out" 2>&1 &
  p1=$!
  wrk -t "$t" -c "$c" -d "${secs}s" --timeout 10s -s "$BENCH/$scenario.lua" "$u2" "$@" >"$DATA/wrk2.out" 2>&1 &
  p2=$!
  wait "$p1" || rc=$?
  wait "$p2" || rc=$?
  cat "$DATA/wrk1.out" "$DATA/wrk2.out" >"$DATA/wrk.both"
  grep -h '^wrk-first-failure' "$DATA/wrk1.out" "$DATA/wrk2.out" >"$DATA/wrk.fail" || true
  { grep -h '^wrk-turns' "$DATA/wrk1.out" "$DATA/wrk2.out" | awk '
      { n++; for (i = 3; i < NF; i += 2) { k = $i; v = $(i + 1); if (n == 1) order[++m] = k
          if (k ~ /-ms$/) { if (v > val[k]) val[k] = v } else val[k] += v } ; label = $2 }
      END { if (n != 2) exit 1; line = "wrk-turns " label
            for (j = 1; j <= m; j++) line = line " " order[j] " " (order[j] ~ /-ms$|turns\/s/ ? sprintf("%.2f", val[order[j]]) : val[order[j]])
            print line }'
    cat "$DATA/wrk.fail"; } >"$DATA/wrk.out" || { cp "$DATA/wrk.both" "$DATA/wrk.out"; return 1; }
  return "$rc"
}

# the field after NAME in a wrk-turns line
field() { awk -v n="$1" '{ for (i = 1; i < NF; i++) if ($i == n) { print $(i + 1); exit } }'; }

# one_round CONFIG PHASE N TARGETS...: every target once, each line recorded as
# "CONFIG PHASE N TARGET turns/s req-p99-ms errors" in RESULTS
one_round() {
  local config=$1 phase=$2 n=$3 t line
  shift 3
  echo "$phase round $n ($config)"
  for t in "$@"; do
    wrk_run "$t" "$SECS"
    sed 's/^/  /' "$DATA/wrk.lines"
    line=$(head -1 "$DATA/wrk.lines")
    echo "$config $phase $n $t $(field turns/s <<<"$line") $(field req-p99-ms <<<"$line") $(field errors <<<"$line")" >>"$RESULTS"
  done
}

# largest change between the last two rounds of PHASE in CONFIG, over all targets, in % (and which)
last_change() {
  awk -v c="$1" -v p="$2" '$1 == c && $2 == p { prev[$4] = last[$4]; last[$4] = $5 }
    END { worst = 0; who = "-"; for (t in last) { if (prev[t] == "") continue;
            d = prev[t] == 0 ? 1e9 : 100 * (last[t] - prev[t]) / prev[t]; if (d < 0) d = -d;
            if (d > worst) { worst = d; who = t } }
          printf "%.1f %s\n", worst, who }' "$RESULTS"
}

# report CONFIG: ratios round by round and their medians, changes between measured rounds
report() {
  awk -v c="$1" "$(cat "$BENCH/median.awk")"'
    $1 == c && $2 == "measured" { rate[$4, $3] = $5; p99[$4, $3] = $6; err += $7; if ($3 > n) n = $3; seen[$4] = 1 }
    function ratio(num, den, title, usep99,   r, k, line, v, d) {
      if (!(num in seen) || !(den in seen)) return
      k = 0; line = ""
      for (r = 1; r <= n; r++) {
        v = usep99 ? p99[num, r] : rate[num, r]; d = usep99 ? p99[den, r] : rate[den, r]
        if (d == 0 || d == "") continue
        vals[++k] = v / d; line = line sprintf(" %.2f", v / d)
      }
      if (k) printf "  %-52s%s   median %.2f\n", title ":", line, median(vals, k)
    }
    END {
      print "ratios (" c "), round by round and their median; issue 24 targets in brackets"
      if (c == "mem") {
        ratio("auth", "bare", "authenticate/user req/s / bare req/s  [>= 0.50]", 0)
        ratio("auth", "bare", "authenticate/user p99 / bare p99      [<= 3.0]", 1)
        ratio("pair", "spring-pair", "our pairs/s / Spring in-memory OTT pairs/s [>= 1.0]", 0)
        ratio("auth", "spring-generate", "our mint req/s / Spring generate req/s", 0)
      } else {
        ratio("auth", "spring-generate", "our mint req/s / Spring JDBC generate req/s [>= 1.0]", 0)
        ratio("pair", "spring-pair", "our pairs/s / Spring JDBC OTT pairs/s  [>= 1.0]", 0)
        ratio("auth", "bare", "authenticate/user req/s / bare req/s", 0)
      }
      ratio("landing", "pair", "landings/s / pairs/s", 0)
      for (t in seen) if (index(t, "~ref")) { b = substr(t, 1, index(t, "~") - 1); ratio(b, t, b " / " t, 0) }
      if (err) print "ERRORS in measured rounds (" err "): the figures above are not comparable"
    }' "$RESULTS"
  echo "change from the measured round before, in % of it (issue 24: within 10 %)"
  awk -v c="$1" '$1 == c && $2 == "measured" { if ($4 in last) { d = last[$4] == 0 ? 1e9 : 100 * ($5 - last[$4]) / last[$4];
      line[$4] = line[$4] sprintf(" %+6.1f", d); if (d < 0) d = -d; if (d > worst[$4]) worst[$4] = d } else order[++k] = $4; last[$4] = $5 }
    END { for (i = 1; i <= k; i++) { t = order[i]; printf "  %-18s%s   largest %.1f   %s\n", t, line[t], worst[t],
      worst[t] <= 10 ? "within 10 %" : "NOT within 10 %" } }' "$RESULTS"
}

echo "peer-run $(date -u +%FT%TZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?'): CONNS=$CONNS WRK_THREADS=$WRK_THREADS SECS=$SECS WARM=$WARM WARM_ROUNDS=$WARM_ROUNDS ROUNDS=$ROUNDS CONFIGS=\"$CONFIGS\" FLAT=$FLAT"
echo "  $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-3); nproc $(nproc);$(uptime | sed 's/.*load/ load/')"
status=0
for config in $CONFIGS; do
  case $config in
    mem)
      # shellcheck disable=SC2206
      targets=($TARGETS_MEM)
      demo_flags=() ref_flags=() peer_flags=()
      ;;
    pg)
      # shellcheck disable=SC2206
      targets=($TARGETS_PG)
      new_db demo
      demo_flags=(--jdbc-url "$PG_URL/$NEW_DB?user=postgres")
      if [ -n "${REF_JAR:-}" ]; then
        new_db ref
        ref_flags=(--jdbc-url "$PG_URL/$NEW_DB?user=postgres")
      fi
      new_db peer
      peer_flags=(--spring.profiles.active=jdbc "--peer.jdbc-url=$PG_URL/$NEW_DB?user=postgres")
      ;;
    pg2)
      # shellcheck disable=SC2206
      targets=($TARGETS_PG)
      new_db demo
      demo_flags=(--jdbc-url "$PG_URL/$NEW_DB?user=postgres")
      new_db peer
      peer_flags=(--spring.profiles.active=jdbc "--peer.jdbc-url=$PG_URL/$NEW_DB?user=postgres")
      ;;
    *) echo "peer-run: unknown configuration '$config' in CONFIGS (mem, pg, pg2)" >&2; exit 1 ;;
  esac
  NODES=1
  [ "$config" = pg2 ] && NODES=2
  echo "== $config: ${targets[*]}"
  if [[ " ${targets[*]} " == *" bare "* ]]; then
    # shellcheck disable=SC2086
    start "bare-$config" "bare servlet" java ${BARE_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.BareServer "$BARE_PORT"
  fi
  # every configuration gets servers and data directories of its own (a second key on the same
  # data would start a second partner, whom the first one's opportunities refuse)
  start_demo "demo-$config" "$DEMO_PORT" "$JAR" "${DEMO_JAVA_OPTS:-}" "${demo_flags[@]}"
  # shellcheck disable=SC2086
  start "peer-$config" "Started SpringOttPeer" java ${PEER_JAVA_OPTS:-} -jar "$PEER_JAR" --server.port="$PEER_PORT" "${peer_flags[@]}"
  if [ "$NODES" = 2 ]; then
    # the second node of each: the demo's keys are the first node's (one database, one pepper)
    start_demo "demo-$config-b" $((DEMO_PORT + 4)) "$JAR" "${DEMO_JAVA_OPTS:-}" "${demo_flags[@]}"
    # shellcheck disable=SC2086
    start "peer-$config-b" "Started SpringOttPeer" java ${PEER_JAVA_OPTS:-} -jar "$PEER_JAR" --server.port=$((PEER_PORT + 1)) \
      "${peer_flags[@]}" --peer.create-schema=false
  fi
  KEY=$(setup "http://127.0.0.1:$DEMO_PORT")
  if [ -n "${REF_JAR:-}" ] && [ "$NODES" = 1 ]; then
    start_demo "ref-$config" $((DEMO_PORT + 2)) "$REF_JAR" "${REF_JAVA_OPTS-${DEMO_JAVA_OPTS:-}}" "${ref_flags[@]}"
    REF_KEY=$(setup "http://127.0.0.1:$((DEMO_PORT + 2))")
    for t in auth pair landing; do
      [[ " ${targets[*]} " == *" $t "* ]] && targets+=("$t~ref")
    done
  fi
  if [ "$WARM" -gt 0 ]; then
    for t in "${targets[@]}"; do
      wrk_run "$t" "$WARM"
      echo "  warm-up $WARM s: $(head -1 "$DATA/wrk.lines" | cut -d' ' -f2-16)"
    done
  fi
  stable=no
  for n in $(seq 1 "$WARM_ROUNDS"); do
    one_round "$config" warm-up "$n" "${targets[@]}"
    if [ "$n" -ge 2 ]; then
      read -r worst who < <(last_change "$config" warm-up)
      if awk -v w="$worst" 'BEGIN { exit !(w <= 10) }'; then
        stable=yes
        echo "warm-up ($config): stable after $n rounds: the last two agree within 10 % for every target (largest change $worst %, $who)"
        break
      fi
    fi
  done
  if [ "$stable" != yes ]; then
    echo "warm-up ($config): NOT stable after $WARM_ROUNDS rounds (largest change in the last two: ${worst:-?} %, ${who:-?}); the ratios below are taken anyway"
  fi
  for n in $(seq 1 "$ROUNDS"); do
    one_round "$config" measured "$n" "${targets[@]}"
  done
  report "$config"
  if awk -v c="$config" '$1 == c && $2 == "measured" && $7 != 0 { bad = 1 } END { exit !bad }' "$RESULTS"; then
    status=1
  fi
  stop_all
done

if [ "$FLAT" -gt 0 ]; then
  # fresh in-memory servers, so that "0 outstanding" is true; warmed up with pairs, which leave no token behind
  echo "flat: fresh demo (--token-ttl $FLAT_TTL) and fresh peer (tokens live ${SPRING_TTL} s), warmed up with pairs for $WARM s"
  start_demo demo-flat "$DEMO_PORT" "$JAR" "${DEMO_JAVA_OPTS:-}" --token-ttl "$FLAT_TTL"
  start peer-flat "Started SpringOttPeer" java ${PEER_JAVA_OPTS:-} -jar "$PEER_JAR" --server.port="$PEER_PORT"
  KEY=$(setup "http://127.0.0.1:$DEMO_PORT")
  for t in pair spring-pair; do
    wrk_run "$t" "$WARM"
    cat "$DATA/wrk.lines"
    [ "$(field errors <"$DATA/wrk.lines")" = 0 ] || status=1
  done
  # shellcheck disable=SC2086
  bg_wait java ${LOAD_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.HttpLoad flat auth "http://127.0.0.1:$DEMO_PORT" "$KEY" \
    "$CONNS" "$FLAT" "$FLAT_STEP" "$FLAT_SECS" "$FLAT_TTL" || status=1
  # shellcheck disable=SC2086
  bg_wait java ${LOAD_JAVA_OPTS:-} -cp "$CP" dev.partnerauth.bench.HttpLoad flat spring-generate "http://127.0.0.1:$PEER_PORT" - \
    "$CONNS" "$FLAT" "$FLAT_STEP" "$FLAT_SECS" "$SPRING_TTL" || status=1
fi
echo "exit $status"
exit "$status"
