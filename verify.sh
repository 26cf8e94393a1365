#!/usr/bin/env bash
# Runs every test on a fresh Debian or Ubuntu machine: installs and starts what the tests need when
# it is missing (headless Chromium and its driver, wrk, PostgreSQL, MariaDB), then runs `mvn verify`.
# Arguments are passed on to Maven (`./verify.sh -pl partner-auth-core -am`). On a machine that
# already has the services, plain `mvn verify` does the same.
#
# What the tests expect: PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, database test),
# MariaDB on 127.0.0.1:3306 (user root, empty password, database test), /usr/bin/chromium,
# /usr/bin/chromedriver and /usr/bin/wrk. Each test makes its own throw-away schema or database there.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
install_packages() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # what, then a command that succeeds once it is up
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "verify.sh: $what did not come up within 60 s" >&2
  exit 1
}

# Headless Chromium and its driver for the demo's browser tests, and wrk for its load scripts' tests
# (nothing is downloaded at test time).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/wrk ] || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then install_packages "${missing[@]}"; fi

# PostgreSQL for the JDBC store tests and the cluster tests.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || install_packages postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  config=/etc/postgresql/$version/main
  # A fresh cluster trusts local TCP connections only when told to: the tests log in without a password.
  if ! as_root grep -q '^host all all 127.0.0.1/32 trust' "$config/pg_hba.conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$config/pg_hba.conf"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432 -q
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"

# MariaDB for the MySQL-family dialect's tests.
mariadb_up() { mysql -h 127.0.0.1 -P 3306 -u root -e 'select 1'; }
if ! mariadb_up >/dev/null 2>&1; then
  [ -x /usr/sbin/mariadbd ] || install_packages mariadb-server
  as_root install -d -o mysql -g mysql /run/mysqld
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB mysqladmin --socket=/run/mysqld/mysqld.sock ping
  # A fresh Debian install lets root in through the Unix socket only; the tests come over TCP.
  if ! mariadb_up >/dev/null 2>&1; then
    as_root mysql --socket=/run/mysqld/mysqld.sock -u root -e \
      "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')"
  fi
  wait_for 'MariaDB over TCP' mariadb_up
fi
mysql -h 127.0.0.1 -P 3306 -u root -e 'create database if not exists test'

exec mvn verify "$@"
