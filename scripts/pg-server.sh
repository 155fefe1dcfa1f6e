# Sourced by scripts/test, after scripts/setup.sh (its `apt_install`): a throwaway PostgreSQL
# server for the run (the server mode's tests). Its own data folder under a fresh temporary
# folder, a loopback port found free, password sign-in over TCP (SCRAM) as a real server asks,
# TLS with a self-signed certificate, stopped and removed when the run ends.
# PostgreSQL refuses to run as root: as root, the folder is given to the `postgres` account the
# Debian package creates, and the server runs as that account.
set -euo pipefail

pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/pg_ctl" ] && pg_bin="$dir"
done
missing=()
[ -n "$pg_bin" ] || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
  for dir in /usr/lib/postgresql/*/bin; do pg_bin="$dir"; done
fi

pg_root="$(mktemp -d /tmp/joldama-pg.XXXXXX)"
pg_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pg_root"
  pg_as=(runuser -u postgres --)
fi
pg_password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

"${pg_as[@]}" bash -c "umask 077; printf '%s\n' '$pg_password' > '$pg_root/pw'"
# A certificate of its own, which no desk trusts: the TLS test expects it refused.
"${pg_as[@]}" openssl req -new -x509 -days 2 -nodes -subj "/CN=localhost" \
  -keyout "$pg_root/server.key" -out "$pg_root/server.crt" 2>/dev/null
"${pg_as[@]}" chmod 600 "$pg_root/server.key"
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_root/data" -U postgres --pwfile="$pg_root/pw" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_root/initdb.log"
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='$pg_root' -c fsync=off \
      -c ssl=on -c ssl_cert_file='$pg_root/server.crt' -c ssl_key_file='$pg_root/server.key'" \
  start >/dev/null

stop_throwaway_pg() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
trap stop_throwaway_pg EXIT

# The superuser's address: each test makes a database (and people) of its own on it.
export JOLDAMA_TEST_SERVER="postgresql://postgres:$pg_password@127.0.0.1:$pg_port/postgres"
# The tests fail rather than skip when this run has a server.
export JOLDAMA_TEST_SERVER_REQUIRED=1
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$pg_port"
