#!/bin/sh
# Entry point of the local MySQL stand-in image (MariaDB from Debian), honouring the environment
# variables of the official mysql image that compose-templates/ sets: MYSQL_ROOT_PASSWORD,
# MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD. Initialises /var/lib/mysql once, then runs mariadbd.
set -eu
DATA=/var/lib/mysql
mkdir -p "$DATA" /run/mysqld
chown -R mysql:mysql "$DATA" /run/mysqld
if [ ! -f "$DATA/.perfshop-initialised" ]; then
  echo "mysql-entrypoint: initialising $DATA"
  mariadb-install-db --user=mysql --datadir="$DATA" --skip-test-db \
    --auth-root-authentication-method=normal >/tmp/install-db.log 2>&1 || { cat /tmp/install-db.log; exit 1; }
  mariadbd --user=mysql --datadir="$DATA" --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  i=0
  until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -lt 120 ] || { echo "mysql-entrypoint: init server did not start"; exit 1; }
    sleep 0.5
  done
  esc() { printf "%s" "$1" | sed "s/'/''/g"; }
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(esc "${MYSQL_ROOT_PASSWORD:-}")';"
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$(esc "${MYSQL_ROOT_PASSWORD:-}")';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    fi
    if [ -n "${MYSQL_USER:-}" ]; then
      echo "CREATE USER IF NOT EXISTS '$(esc "$MYSQL_USER")'@'%' IDENTIFIED BY '$(esc "${MYSQL_PASSWORD:-}")';"
      [ -n "${MYSQL_DATABASE:-}" ] && echo "GRANT ALL ON \`${MYSQL_DATABASE}\`.* TO '$(esc "$MYSQL_USER")'@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket=/run/mysqld/init.sock -uroot
  mariadb-admin --socket=/run/mysqld/init.sock -uroot -p"${MYSQL_ROOT_PASSWORD:-}" shutdown
  wait "$pid" || true
  touch "$DATA/.perfshop-initialised"
  echo "mysql-entrypoint: initialised"
fi
if [ "${1:-}" = "mariadbd" ] || [ "${1:-}" = "mysqld" ]; then
  shift
  exec mariadbd --user=mysql --datadir="$DATA" --bind-address=0.0.0.0 --skip-name-resolve "$@"
fi
exec "$@"
