#!/usr/bin/env bash
# Statements and round trips per Partner API call, counted from PostgreSQL's own statement log
# (issue 24; docs/benchmarks.md, "Statements per call"). From the repository root, after the
# demo is built (peer-run.sh's build, or mvn -q -pl partner-auth-demo -am package -DskipTests):
#   partner-auth-demo/statement-count.sh
# It creates a throw-away database, turns the statement log on for that database only
# (ALTER DATABASE ... SET log_statement = 'all', and log_parameter_max_length = 0 so that no bound
# value, such as a key hash or a token digest, reaches the server log), starts the demo on it with
# --jdbc-url, signs WARM users in twice, then for each call of CALLS, N times: waits until the
# server log is quiet, makes the call alone (curl), and reads the log lines of that database
# written between the request and its answer (the request's statements, which the request thread
# ran or waited for) and those written in the quiet second after it (work handed to another
# thread, such as the audit writer). With SPRING=1 it counts the Spring peer's jdbc profile pair
# (/ott/generate + /login/ott) the same way. Everything started is stopped, the databases dropped.
# No server restart and no server-wide setting: the other users of the server are not affected.
#
#   CALLS="authenticate open landing" N=10 WARM=20 SPRING=1 BURST=20 (calls back to back, 0: none)
#   LOG=/var/log/postgresql/postgresql-15-main.log (the newest postgresql-*.log there by default)
#   PSQL="psql -h 127.0.0.1 -U postgres -d test"  PG_URL=jdbc:postgresql://127.0.0.1:5432
#   DEMO_PORT=18740 (and +1 for its PRM side)  PEER_PORT=18745
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-authenticate open landing}
N=${N:-10}
WARM=${WARM:-20}
SPRING=${SPRING:-1}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres -d test}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432}
DEMO_PORT=${DEMO_PORT:-18740}
PEER_PORT=${PEER_PORT:-18745}
LOG=${LOG:-$(ls -t /var/log/postgresql/postgresql-*.log 2>/dev/null | head -1)}
JAR=partner-auth-demo/target/partner-auth-demo.jar
PEER_JAR=partner-auth-demo/src/test/peer/spring-ott/target/spring-ott-peer.jar
DATA=$(mktemp -d)
export DEMO_ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-statement-count-admin-password}
[ -r "$LOG" ] || { echo "statement-count: cannot read the server log '$LOG' (set LOG)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "statement-count: $JAR is missing; build first" >&2; exit 1; }
[ "$SPRING" != 1 ] || [ -f "$PEER_JAR" ] || { echo "statement-count: $PEER_JAR is missing (or SPRING=0)" >&2; exit 1; }

PIDS=()
DBS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for db in "${DBS[@]}"; do
    $PSQL -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || echo "statement-count: could not drop $db" >&2
  done
  echo "logs: $DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

new_db() {  # new_db NAME: a fresh logged database in NEW_DB
  NEW_DB="stmt_count_$1_$(tr -dc 'a-z0-9' </dev/urandom | head -c 10 || true)"
  DBS+=("$NEW_DB")
  $PSQL -q -c "CREATE DATABASE $NEW_DB" \
    -c "ALTER DATABASE $NEW_DB SET log_statement = 'all'" \
    -c "ALTER DATABASE $NEW_DB SET log_parameter_max_length = 0" >/dev/null
}

start() {  # start NAME READY_TEXT COMMAND...
  local name=$1 ready=$2
  shift 2
  "$@" >"$DATA/$name.out" 2>"$DATA/$name.err" &
  PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q "$ready" "$DATA/$name.out" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$DATA/$name.out" "$DATA/$name.err" >&2; exit 1; }
    sleep 0.2
  done
  echo "statement-count: $name not ready after 120 s" >&2
  exit 1
}

size() { stat -c %s "$LOG"; }
# the log's bytes between two offsets (head stops early, so tail may die of SIGPIPE: not an error)
chunk() { tail -c +$(($1 + 1)) "$LOG" | head -c $(($2 - $1)) || true; }

# waits until the log has had no line of database CUR_DB for 1 s (at most 10 s: then it goes on,
# and the window may hold a late line of the call before, which the table would show); the log is
# shared, and other databases' lines do not count
quiet() {
  local before after
  for _ in $(seq 1 10); do
    before=$(size)
    sleep 1
    after=$(size)
    chunk "$before" "$after" | grep -q "@$CUR_DB " || return 0
  done
  echo "statement-count: $CUR_DB's log was not quiet for 10 s" >&2
}

# lines FROM TO DB: the statements of DB logged between two offsets, one per line, the SQL with
# its whitespace squeezed (a statement that spans lines in the log is joined)
lines() {
  chunk "$1" "$2" | awk -v db="@$3 " '
    /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9:.]+ [A-Z]+ \[[0-9]+\] / {
      flush(); keep = index($0, db) > 0 && index($0, " LOG:  ") > 0
      if (keep) { s = substr($0, index($0, " LOG:  ") + 7); pid = $4; buf = s; if (s !~ /^(execute [^:]*|statement): /) keep = 0 }
      next }
    keep { buf = buf " " $0 }
    function flush() { if (keep) { sub(/^(execute [^:]*|statement): /, "", buf); gsub(/[ \t]+/, " ", buf); print pid " " buf } keep = 0 }
    END { flush() }'
}

# measure LABEL DB COMMAND...: runs COMMAND alone N times; records the statements of each run
measure() {
  local label=$1 db=$2 i a b c
  shift 2
  CUR_DB=$db
  for i in $(seq 1 "$N"); do
    "${PREPARE[@]}"
    quiet
    a=$(size)
    "$@" >"$DATA/answer" || { echo "statement-count: $label failed: $(head -c 300 "$DATA/answer")" >&2; exit 1; }
    b=$(size)
    quiet
    c=$(size)
    lines "$a" "$b" "$db" | sed "s|^|$label $i during |" >>"$DATA/statements"
    lines "$b" "$c" "$db" | sed "s|^|$label $i after |" >>"$DATA/statements"
    echo "$label $i" >>"$DATA/runs"
  done
}

CURL=(curl -sS --max-time 30 -o "$DATA/body" -w '%{http_code}')
# burst LABEL DB COUNT COMMAND...: COUNT calls back to back after a quiet log; statements per call
burst() {
  local label=$1 db=$2 count=$3 i a c
  shift 3
  CUR_DB=$db
  quiet
  a=$(size)
  for i in $(seq 1 "$count"); do
    "${PREPARE[@]}"
    "$@" >"$DATA/answer" || { echo "statement-count: $label failed: $(head -c 300 "$DATA/answer")" >&2; exit 1; }
  done
  quiet
  c=$(size)
  lines "$a" "$c" "$db" | awk -v l="$label" -v n="$count" '
    { sub(/^[^ ]+ ?/, "") } $0 == "" { chk++; next } $0 == "BEGIN" { b++; next } $0 == "COMMIT" { cm++; next }
    { s[$1]++; all++ }
    END { printf "burst %s: %d calls back to back (with what prepares each), per call: %.2f statements besides BEGIN/COMMIT (", l, n, all / n
      sep = ""; for (v in s) { printf "%s%s %.2f", sep, v, s[v] / n; sep = ", " }
      printf "), %.2f BEGIN...COMMIT blocks, %.2f pool checks\n", b / n, chk / n }'
}

# demo calls: each leaves what the next one needs in files ($DATA/token, $DATA/launch)
USER_N=0
authenticate() {
  local code
  code=$("${CURL[@]}" -H 'Content-Type: application/json' -d "{\"authentication\":\"$KEY\",\"user_information\":\
{\"type\":\"partner\",\"user_id\":\"prm-user-$USER_N\",\"login\":\"user$USER_N@partner.example\",\"email\":\
\"user$USER_N@partner.example\",\"name\":\"Partner User $USER_N\",\"company\":\"Partner Co\"}}" \
    "$DEMO/api/v1/authenticate/user")
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$DATA/body" >"$DATA/token"
  [ "$code" = 200 ] && [ -s "$DATA/token" ] && echo ok || { echo "HTTP $code"; return 1; }
}
open_quote() {
  local code
  code=$("${CURL[@]}" -H 'Content-Type: application/json' -H "Authorization: Bearer $(cat "$DATA/token")" \
    -d "{\"opportunity_id\":\"OPP-$USER_N\",\"quote_id\":\"Q-$USER_N\"}" "$DEMO/api/v1/open/quote")
  sed -n 's/.*"url":"https\?:\/\/[^/]*\([^"]*launch=[^"]*\)".*/\1/p' "$DATA/body" >"$DATA/launch"
  [ "$code" = 200 ] && [ -s "$DATA/launch" ] && echo ok || { echo "HTTP $code"; return 1; }
}
landing() {
  local code
  code=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Accept: text/html' \
    -H 'Sec-Fetch-Mode: navigate' -H 'Sec-Fetch-Dest: document' -H 'Sec-Fetch-Site: cross-site' "$DEMO$(cat "$DATA/launch")")
  case $code in 30[23]\ *) [[ $code != *launch=* ]] && echo ok && return 0 ;; esac
  echo "HTTP $code"
  return 1
}
# a signed-in user of the warm-up, in turn, so that the counts are a returning user's
next_user() { USER_N=$(((USER_N + 1) % WARM)); }
authenticate_and_open() { authenticate >/dev/null && open_quote; }
sign_in_and_land() { authenticate >/dev/null && open_quote >/dev/null && landing; }
spring_pair() { spring_generate >/dev/null && spring_login; }
prepare_spring_login() { next_user; spring_generate >/dev/null; }
prepare_open() { next_user; authenticate >/dev/null; }
prepare_landing() { prepare_open; open_quote >/dev/null; }
spring_generate() {
  local code
  code=$("${CURL[@]}" -d "username=prm-user-$USER_N" "$PEER/ott/generate")
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$DATA/body" >"$DATA/token"
  [ "$code" = 200 ] && [ -s "$DATA/token" ] && echo ok || { echo "HTTP $code"; return 1; }
}
spring_login() {
  local code
  code=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code} %{redirect_url}' -d "token=$(cat "$DATA/token")" "$PEER/login/ott")
  case $code in 302\ *) [[ $code != *error* ]] && echo ok && return 0 ;; esac
  echo "HTTP $code"
  return 1
}

echo "statement-count $(date -u +%FT%TZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?'): CALLS=\"$CALLS\" N=$N WARM=$WARM SPRING=$SPRING; log $LOG"
echo "  $($PSQL -Atc 'select version()' | cut -d' ' -f1-2); $(unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -i '^Implementation-Version' | tr -d '\r' || true)"
new_db demo
DEMO_DB=$NEW_DB
start demo "partner-auth demo ready" java -jar "$JAR" --port "$DEMO_PORT" --prm-port $((DEMO_PORT + 1)) \
  --data-dir "$DATA/demo-data" --jdbc-url "$PG_URL/$DEMO_DB?user=postgres"
DEMO=http://127.0.0.1:$DEMO_PORT
admin=$DEMO/api/v1/admin/partner-auth
curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
  -d '{"enabled":true,"crm":"SALESFORCE","allowed_origins":[]}' "$admin/settings" >/dev/null
KEY=$(curl -sS --fail-with-body --max-time 30 -u "admin:$DEMO_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  -d '{"name":"statement count"}' "$admin/keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[ -n "$KEY" ] || { echo "statement-count: no key" >&2; exit 1; }
# the warm-up: every user signs in and lands twice (first sign-in, first owner of the opportunity)
for _ in 1 2; do
  for u in $(seq 0 $((WARM - 1))); do
    USER_N=$u
    authenticate >/dev/null && open_quote >/dev/null && landing >/dev/null ||
      { echo "statement-count: warm-up failed for user $u" >&2; exit 1; }
  done
done
: >"$DATA/statements"
: >"$DATA/runs"
for call in $CALLS; do
  case $call in
    authenticate) PREPARE=(next_user); measure authenticate/user "$DEMO_DB" authenticate ;;
    open) PREPARE=(prepare_open); measure open/quote "$DEMO_DB" open_quote ;;
    landing) PREPARE=(prepare_landing); measure landing "$DEMO_DB" landing ;;
    *) echo "statement-count: unknown call '$call' (authenticate, open, landing)" >&2; exit 1 ;;
  esac
done
if [ "${BURST:-20}" -gt 0 ]; then
  echo
  PREPARE=(next_user); burst authenticate/user "$DEMO_DB" "${BURST:-20}" authenticate
  PREPARE=(next_user); burst authenticate/user+open/quote "$DEMO_DB" "${BURST:-20}" authenticate_and_open
  PREPARE=(next_user); burst authenticate/user+open/quote+landing "$DEMO_DB" "${BURST:-20}" sign_in_and_land
fi
if [ "$SPRING" = 1 ]; then
  new_db peer
  PEER_DB=$NEW_DB
  start peer "Started SpringOttPeer" java -jar "$PEER_JAR" --server.port="$PEER_PORT" --spring.profiles.active=jdbc \
    "--peer.jdbc-url=$PG_URL/$PEER_DB?user=postgres"
  PEER=http://127.0.0.1:$PEER_PORT
  for u in $(seq 0 $((WARM - 1))); do
    USER_N=$u
    spring_generate >/dev/null && spring_login >/dev/null || { echo "statement-count: Spring warm-up failed" >&2; exit 1; }
  done
  PREPARE=(next_user)
  measure spring:/ott/generate "$PEER_DB" spring_generate
  PREPARE=(prepare_spring_login)
  measure spring:/login/ott "$PEER_DB" spring_login
  if [ "${BURST:-20}" -gt 0 ]; then
    PREPARE=(next_user); burst spring:generate+login "$PEER_DB" "${BURST:-20}" spring_pair
  fi
fi

# the table. Per run, a statement is either on its own (autocommit: one round trip each) or in a
# BEGIN ... COMMIT block (pgjdbc sends BEGIN in the same round trip as the block's first statement,
# so a block of k statements is k round trips, its COMMIT one more); an empty statement is the
# pool (Hikari) checking a connection that sat idle for more than 500 ms, which the quiet waits
# here cause and a loaded server does not see. Burst lines are BURST calls back to back.
summarise() {
  awk '
    FNR == NR { runs[$1]++; next }
    { call = $1; run = $2; where = $3; sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ ?/, ""); sql = $0
      if (!(call in seen)) { seen[call] = 1; calls[++nc] = call }
      key = call SUBSEP where SUBSEP substr(sql, 1, 100)
      if (!(key in n)) order[call, where, ++k[call, where]] = substr(sql, 1, 100)
      n[key]++
      r = call SUBSEP run
      if (sql == "") { check[r, where]++; next }
      if (sql == "BEGIN") { intx[r] = 1; blocks[r, where]++; next }
      if (sql == "COMMIT" || sql == "ROLLBACK") { intx[r] = 0; tx[r, where]++; next }
      if (intx[r]) tx[r, where]++; else auto[r, where]++ }
    function med(call, arr, where,   i, v, m, j, t) { m = 0
      for (i = 1; i <= runs[call]; i++) v[++m] = arr[call SUBSEP i, where] + 0
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
    END {
      print ""
      print "| call | runs | autocommit statements before the answer | BEGIN...COMMIT blocks before / after the answer | their statements and COMMITs before / after | pool checks |"
      print "|---|---|---|---|---|---|"
      for (i = 1; i <= nc; i++) { c = calls[i]
        printf "| %s | %d | %s | %s / %s | %s / %s | %s |\n", c, runs[c], med(c, auto, "during"), med(c, blocks, "during"),
          med(c, blocks, "after"), med(c, tx, "during"), med(c, tx, "after"), med(c, check, "during") }
      for (i = 1; i <= nc; i++) { c = calls[i]
        for (w = 1; w <= 2; w++) { where = w == 1 ? "during" : "after"
          if (!k[c, where]) continue
          printf "\n%s, %s the answer, %d runs: times seen, statement\n", c, where == "during" ? "before" : "after", runs[c]
          for (j = 1; j <= k[c, where]; j++) { s = order[c, where, j]
            printf "  %4d  %s\n", n[c SUBSEP where SUBSEP s], s == "" ? "(empty statement: the pool checking an idle connection)" : s } } }
    }' "$DATA/runs" "$DATA/statements"
}
summarise | tee "$DATA/table"
