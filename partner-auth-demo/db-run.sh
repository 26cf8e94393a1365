#!/usr/bin/env bash
# The database's half of a sign-in pair alone, without either JVM (issue 24; docs/benchmarks.md,
# "The database half alone"). From the repository root: partner-auth-demo/db-run.sh
# pgbench (PostgreSQL's own load generator, a C client) runs, against a fresh database made here
# and dropped on exit, the statements each product sends for one pair:
#   ours          the composed sign-in write (user row, access token's grant, audit event), the
#                 redemption read (grant joined with key, user and settings) and the spend write
#                 (DELETE ... RETURNING, launch code INSERT, audit event), as ComposedCalls sends
#                 them on PostgreSQL when the user row needs no write and the key's use is not due;
#   ours-update   the same with the launch code kept in the access token's row (one UPDATE instead
#                 of DELETE + INSERT): a candidate change, measured before it is made;
#   ours-noaudit  the same without the two audit events: what writing them costs;
#   ours-narrow   the redemption read of the grant row alone (key, user and settings from the
#                 node's read cache): a candidate;
#   ours-slim     the redemption read joining only the columns admission decides on (the user's
#                 details from the node's read cache): a candidate;
#   ours-nokeyidx, ours-narrow-nokeyidx  ours and ours-narrow without the grants' key_id index;
#   ours-fewer-indexes  ours on a grants table without its key_id index and with a BRIN index on
#                 expires_at instead of a B-tree (made before each of its rounds, undone after): a
#                 candidate;
#   spring        Spring Security's JdbcOneTimeTokenService pair: INSERT, SELECT, DELETE on its
#                 own one_time_tokens table.
# Each statement autocommits and is server-prepared (pgbench -M prepared), as the apps' drivers
# do. The seed is the peer run's: PARTNERS keys, USERS users. Between rounds the grants, audit
# events and tokens are emptied and vacuumed, so that no round inherits another's dead rows.
# ROUNDS alternating rounds of SECS seconds, then each script's median pairs/s and its ratio to
# spring's. Nothing but the database at PSQL is addressed.
#
#   CLIENTS=20 THREADS=2 SECS=12 ROUNDS=3 PARTNERS=200 USERS=1000
#   SCRIPTS="ours ours-update ours-noaudit spring"
#   PSQL="psql -h 127.0.0.1 -U postgres -d test"   PGBENCH="pgbench -h 127.0.0.1 -U postgres"
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-20}
THREADS=${THREADS:-2}
SECS=${SECS:-12}
ROUNDS=${ROUNDS:-3}
PARTNERS=${PARTNERS:-200}
USERS=${USERS:-1000}
SCRIPTS=${SCRIPTS:-ours ours-update ours-noaudit spring}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres -d test}
PGBENCH=${PGBENCH:-pgbench -h 127.0.0.1 -U postgres}
SCHEMA=partner-auth-core/src/main/resources/dev/partnerauth/jdbc/schema-postgresql.sql
command -v pgbench >/dev/null || { echo "db-run: pgbench is missing (Debian package postgresql-client)" >&2; exit 1; }
DATA=$(mktemp -d)
DB="db_run_$(tr -dc 'a-z0-9' </dev/urandom | head -c 10 || true)"
trap '$PSQL -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || echo "db-run: could not drop $DB" >&2; echo "logs: $DATA"' EXIT
trap 'exit 130' INT TERM

$PSQL -q -c "CREATE DATABASE $DB" >/dev/null
in_db() { $PSQL -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
PGOPTIONS="-c client_min_messages=warning" in_db -f "$SCHEMA" >/dev/null  # its IF NOT EXISTS notices are not errors
in_db >/dev/null <<EOF
INSERT INTO partner_auth_settings (id, enabled, crm, allowed_origins, updated_at) VALUES (1, TRUE, NULL, NULL, now());
INSERT INTO partner_auth_keys (id, partner_id, name, allowed_ips, key_hash, created_at, expires_at, last_used_at)
  SELECT 'k' || i, 'prt_' || i, 'db run ' || i, NULL, decode(md5(i::text), 'hex'), now(), NULL, now()
  FROM generate_series(0, $PARTNERS - 1) i;
INSERT INTO partner_auth_users (partner_id, user_id, login, email, name, company, enabled, created_at,
                                updated_at, last_sign_in_at)
  SELECT 'prt_' || (i % $PARTNERS), 'prm-user-' || i, 'user' || i || '@partner.example',
         'user' || i || '@partner.example', 'Partner User ' || i, 'Partner Co', TRUE, now(), now(), now()
  FROM generate_series(0, $USERS - 1) i;
CREATE TABLE one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY, username VARCHAR(50) NOT NULL,
                              expires_at TIMESTAMP NOT NULL);
EOF

# the statements, with pgbench variables where the apps bind parameters
USER_COLUMNS="partner_id, user_id, login, email, name, position, phone, mobile, fax, company, street, city, state,
 country, postal_code, profile_img, enabled, created_at, updated_at, last_sign_in_at, active, session_generation"
GRANT_COLUMNS="key_id, partner_id, user_id, opportunity_ids, expires_at, session_generation"
AUDIT="INSERT INTO partner_auth_audit_events (at, type, key_id, user_id, client_ip, reason, detail, partner_id, actor)"
TOKEN="decode(md5('t' || :client_id || '-' || :r), 'hex')"
CODE="decode(md5('c' || :client_id || '-' || :r), 'hex')"
HEAD="\\set u random(0, $USERS - 1)
\\set k :u % $PARTNERS
\\set r random(1, 9000000000000000000)"
sign_in() {  # sign_in AUDITED
  local audit=""
  [ "$1" = 1 ] && audit=", a AS ($AUDIT SELECT now(), 'AUTHENTICATED', 'k' || :k, 'prm-user-' || :u, '127.0.0.1',
 NULL, NULL, 'prt_' || :k, NULL FROM g)"
  echo "WITH u AS (SELECT $USER_COLUMNS FROM partner_auth_users WHERE partner_id = 'prt_' || :k
 AND user_id = 'prm-user-' || :u), g AS (INSERT INTO partner_auth_grants (kind, digest, $GRANT_COLUMNS)
 SELECT 'ACCESS_TOKEN', $TOKEN, 'k' || :k, partner_id, user_id, NULL, now() + interval '60 seconds',
 session_generation FROM u WHERE enabled AND active AND session_generation = 0 RETURNING digest)$audit
 SELECT $USER_COLUMNS, (SELECT COUNT(*) FROM g) AS granted FROM u;" | tr '\n' ' '
  echo
}
REDEMPTION="SELECT g.key_id, g.partner_id, g.user_id, g.opportunity_ids, g.expires_at, g.session_generation,
 k.id, k.partner_id, k.name, k.allowed_ips, k.created_at, k.expires_at, k.last_used_at, u.user_id, u.login,
 u.email, u.name, u.position, u.phone, u.mobile, u.fax, u.company, u.street, u.city, u.state, u.country,
 u.postal_code, u.profile_img, u.enabled, u.created_at, u.updated_at, u.last_sign_in_at, u.active,
 u.session_generation, s.enabled, s.crm, s.allowed_origins FROM partner_auth_grants g
 LEFT JOIN partner_auth_keys k ON k.id = g.key_id
 LEFT JOIN partner_auth_users u ON u.partner_id = g.partner_id AND u.user_id = g.user_id
 LEFT JOIN partner_auth_settings s ON s.id = 1 WHERE g.kind = 'ACCESS_TOKEN' AND g.digest = $TOKEN;"
SPENT="WHERE kind = 'ACCESS_TOKEN' AND digest = $TOKEN AND expires_at > now() AND key_id = 'k' || :k
 AND partner_id = 'prt_' || :k AND user_id = 'prm-user-' || :u AND session_generation = 0"
SPEND_AUDIT="a AS ($AUDIT SELECT now(), 'LAUNCH_ISSUED', 'k' || :k, 'prm-user-' || :u, '127.0.0.1', NULL,
 'quote', 'prt_' || :k, NULL FROM spent)"
CODE_INSERT="c AS (INSERT INTO partner_auth_grants (kind, digest, $GRANT_COLUMNS) SELECT 'LAUNCH_CODE', $CODE,
 key_id, partner_id, user_id, 'OPP-1', now() + interval '60 seconds', session_generation FROM spent)"
one_line() { echo "$*" | tr '\n' ' '; echo; }
SPEND_WRITE="WITH spent AS (DELETE FROM partner_auth_grants $SPENT RETURNING $GRANT_COLUMNS), $CODE_INSERT,
 $SPEND_AUDIT SELECT $GRANT_COLUMNS FROM spent;"
{
  echo "$HEAD"; sign_in 1; one_line "$REDEMPTION"
  one_line "$SPEND_WRITE"
} >"$DATA/ours.sql"
{
  echo "$HEAD"; sign_in 1; one_line "$REDEMPTION"
  one_line "WITH spent AS (UPDATE partner_auth_grants SET kind = 'LAUNCH_CODE', digest = $CODE,
 opportunity_ids = 'OPP-1', expires_at = now() + interval '60 seconds' $SPENT RETURNING $GRANT_COLUMNS),
 $SPEND_AUDIT SELECT $GRANT_COLUMNS FROM spent;"
} >"$DATA/ours-update.sql"
{
  echo "$HEAD"; sign_in 0; one_line "$REDEMPTION"
  one_line "WITH spent AS (DELETE FROM partner_auth_grants $SPENT RETURNING $GRANT_COLUMNS), $CODE_INSERT
 SELECT $GRANT_COLUMNS FROM spent;"
} >"$DATA/ours-noaudit.sql"
{
  echo "$HEAD"; sign_in 1
  one_line "SELECT key_id, partner_id, user_id, opportunity_ids, expires_at, session_generation FROM partner_auth_grants
 WHERE kind = 'ACCESS_TOKEN' AND digest = $TOKEN;"
  one_line "$SPEND_WRITE"
} >"$DATA/ours-narrow.sql"
{
  echo "$HEAD"; sign_in 1
  one_line "SELECT g.key_id, g.partner_id, g.user_id, g.opportunity_ids, g.expires_at, g.session_generation,
 k.partner_id, k.expires_at, u.enabled, u.active, u.session_generation, s.enabled FROM partner_auth_grants g
 LEFT JOIN partner_auth_keys k ON k.id = g.key_id
 LEFT JOIN partner_auth_users u ON u.partner_id = g.partner_id AND u.user_id = g.user_id
 LEFT JOIN partner_auth_settings s ON s.id = 1 WHERE g.kind = 'ACCESS_TOKEN' AND g.digest = $TOKEN;"
  one_line "$SPEND_WRITE"
} >"$DATA/ours-slim.sql"
cp "$DATA/ours.sql" "$DATA/ours-nokeyidx.sql"
cp "$DATA/ours-narrow.sql" "$DATA/ours-narrow-nokeyidx.sql"
for s in ours-nokeyidx ours-narrow-nokeyidx; do
  echo "DROP INDEX partner_auth_grants_key_id;" >"$DATA/$s.before"
  echo "CREATE INDEX partner_auth_grants_key_id ON partner_auth_grants (key_id);" >"$DATA/$s.after"
done
cp "$DATA/ours.sql" "$DATA/ours-fewer-indexes.sql"
echo "DROP INDEX partner_auth_grants_key_id; DROP INDEX partner_auth_grants_expires_at;
 CREATE INDEX partner_auth_grants_expires_at ON partner_auth_grants USING brin (expires_at);" >"$DATA/ours-fewer-indexes.before"
echo "DROP INDEX partner_auth_grants_expires_at; CREATE INDEX partner_auth_grants_key_id ON partner_auth_grants (key_id);
 CREATE INDEX partner_auth_grants_expires_at ON partner_auth_grants (expires_at);" >"$DATA/ours-fewer-indexes.after"
cat >"$DATA/spring.sql" <<EOF
\\set u random(0, $USERS - 1)
\\set r random(1, 9000000000000000000)
INSERT INTO one_time_tokens (token_value, username, expires_at) VALUES (substr(md5(:client_id || '-' || :r), 1, 36), 'user' || :u, now() + interval '5 minutes');
SELECT token_value, username, expires_at FROM one_time_tokens WHERE token_value = substr(md5(:client_id || '-' || :r), 1, 36);
DELETE FROM one_time_tokens WHERE token_value = substr(md5(:client_id || '-' || :r), 1, 36);
EOF

echo "db-run $(date -u +%FT%TZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?'): CLIENTS=$CLIENTS THREADS=$THREADS SECS=$SECS ROUNDS=$ROUNDS PARTNERS=$PARTNERS USERS=$USERS"
echo "  $(pgbench --version); $(in_db -Atc 'SHOW server_version'); nproc $(nproc); $(uptime | sed 's/.*load/load/')"
for round in $(seq 1 "$ROUNDS"); do
  for s in $SCRIPTS; do
    [ -f "$DATA/$s.sql" ] || { echo "db-run: no script $s" >&2; exit 1; }
    in_db -c "TRUNCATE partner_auth_grants, partner_auth_audit_events, one_time_tokens" -c "VACUUM ANALYZE"
    [ ! -f "$DATA/$s.before" ] || in_db -f "$DATA/$s.before"
    # shellcheck disable=SC2086
    $PGBENCH -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$SECS" -f "$DATA/$s.sql" "$DB" >"$DATA/$s.$round.log" 2>&1 ||
      { echo "db-run: pgbench failed on $s:" >&2; tail -n 5 "$DATA/$s.$round.log" >&2; exit 1; }
    [ ! -f "$DATA/$s.after" ] || in_db -f "$DATA/$s.after"
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$DATA/$s.$round.log")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$DATA/$s.$round.log")
    [ "${failed:-0}" = 0 ] || { echo "db-run: $failed failed pairs in $s round $round" >&2; exit 1; }
    printf '  round %d %-13s pairs/s %8.0f\n' "$round" "$s" "$tps" | tee -a "$DATA/results"
  done
done
echo "median pairs/s and its ratio to spring's (each round's ratio in brackets)"
awk -v scripts="$SCRIPTS" "$(cat partner-auth-demo/src/test/bench/median.awk)"'
  { tps[$3, $2] = $5; n = ($2 > n ? $2 : n) }
  END {
    k = split(scripts, names, " ")
    for (x = 1; x <= k; x++) {
      s = names[x]; line = ""
      for (r = 1; r <= n; r++) { v[r] = tps[s, r]; q[r] = tps[s, r] / tps["spring", r]; line = line sprintf(" %.2f", q[r]) }
      printf "  %-13s %8.0f   x spring %.2f  [%s ]\n", s, median(v, n), median(q, n), line
    }
  }' "$DATA/results"
