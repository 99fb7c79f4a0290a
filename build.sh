#!/usr/bin/env bash
# VendorRisk build entry point.
#
#   ./build.sh test      install Chromium, PostgreSQL, clamav-daemon and Node.js when missing (apt) and s3rver
#                        (npm, into .tools/s3rver), start a throw-away
#                        PostgreSQL on 127.0.0.1, build (warnings are errors), check formatting,
#                        run every test project, stop what it started.
#   ./build.sh publish   dotnet publish of the web app into artifacts/publish.
#
# Environment: CONFIGURATION (default Release), VENDORRISK_PG_PORT (default: first free from 55432).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -n "$(postgres_bin)" ] && [ -x "$(postgres_bin)/initdb" ] || missing+=(postgresql)
  # The evidence vault's tests run a real clamd with a signature made at test time (sigtool).
  [ -x /usr/sbin/clamd ] && [ -x /usr/bin/sigtool ] || missing+=(clamav-daemon clamav)
  # The S3 evidence store's tests run s3rver (an S3-compatible server from npm) under Node.js.
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} with apt"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  [ -x /usr/bin/chromium ] || { echo "Chromium is still missing after apt-get install" >&2; exit 1; }
  [ -x "$(postgres_bin)/initdb" ] || { echo "PostgreSQL is still missing after apt-get install" >&2; exit 1; }
  [ -x /usr/sbin/clamd ] || { echo "clamav-daemon is still missing after apt-get install" >&2; exit 1; }
  ensure_s3rver
}

# s3rver, pinned, in .tools/s3rver (ignored by git); the integration tests find it there.
S3RVER_VERSION=3.7.1
ensure_s3rver() {
  local dir="$ROOT/.tools/s3rver"
  if [ ! -x "$dir/node_modules/.bin/s3rver" ] || ! grep -q "\"version\": \"$S3RVER_VERSION\"" "$dir/node_modules/s3rver/package.json" 2>/dev/null; then
    log "Installing s3rver $S3RVER_VERSION with npm into .tools/s3rver"
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{ "private": true }' >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent "s3rver@$S3RVER_VERSION")
  fi
  [ -x "$dir/node_modules/.bin/s3rver" ] || { echo "s3rver is still missing after npm install" >&2; exit 1; }
  export VENDORRISK_S3RVER="$dir/node_modules/.bin/s3rver"
}

PG_DIR=""
PG_RUN_AS=()

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    "${PG_RUN_AS[@]}" "$(postgres_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  local bin port
  bin=$(postgres_bin)
  port=${VENDORRISK_PG_PORT:-55432}
  while port_in_use "$port"; do port=$((port + 1)); done
  PG_DIR=$(mktemp -d /tmp/vendorrisk-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres "$PG_DIR"
    PG_RUN_AS=(runuser -u postgres --)
  fi
  trap stop_postgres EXIT
  log "Starting a throw-away PostgreSQL on 127.0.0.1:$port"
  "${PG_RUN_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  "${PG_RUN_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
  export VENDORRISK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
}

run_tests() {
  ensure_system_packages
  start_postgres
  export VENDORRISK_CHROMIUM=/usr/bin/chromium

  log "Restoring"
  dotnet restore VendorRisk.sln
  log "Building ($CONFIGURATION, warnings are errors)"
  dotnet build VendorRisk.sln -c "$CONFIGURATION" --no-restore
  log "Checking formatting"
  dotnet format VendorRisk.sln --verify-no-changes --no-restore

  log "Running every test project"
  local out="$ROOT/artifacts/test-output.log" status=0
  mkdir -p "$ROOT/artifacts"
  # A hung test host is killed and reported (with a dump) instead of stalling CI.
  dotnet test VendorRisk.sln -c "$CONFIGURATION" --no-build --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$out" || status=$?

  # One closing line for the whole suite: "N passed, N failed, N skipped".
  awk '/(Passed|Failed)! +- Failed:/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i+1) + 0
           if ($i == "Passed:") p += $(i+1) + 0
           if ($i == "Skipped:") s += $(i+1) + 0
         }
       }
       END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$out"
  return "$status"
}

publish() {
  dotnet publish src/VendorRisk.Web -c Release -o "$ROOT/artifacts/publish"
}

case "${1:-}" in
  test) run_tests ;;
  publish) publish ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
