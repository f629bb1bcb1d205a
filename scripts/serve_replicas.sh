#!/usr/bin/env bash
# Serve the dashboard from N Streamlit replicas on loopback ports behind nginx (sticky sessions, security headers,
# /_stcore/metrics blocked). Needs nginx (Debian: `apt-get install nginx`); installs nothing itself.
#
#   scripts/serve_replicas.sh N [PORT]            start N replicas on PORT+1..PORT+N and nginx on 127.0.0.1:PORT
#                                                 (default 8080); stays in the foreground, Ctrl-C/TERM stops all
#   scripts/serve_replicas.sh stop [PORT]         stop the instance serving PORT
#   scripts/serve_replicas.sh stop-replica I [PORT]   stop replica I (1..N) only: a failover drill
#
# Readiness: nginx starts (and so sends readers) only once every replica answered its health check AND ran every page
# in every language (scripts/warm_replica.py, straight to the replica): a reader is never the one who waits for a
# replica's caches. WARM=0 skips it; WARM_LANGUAGES (default fr,en,ar) and WARM_PAGES (default: the app's pages)
# narrow it.
#
# Environment: PYTHON (default .venv/bin/python, else python3), NGINX (default nginx), APP_DIR (default the
# repository), APP_SCRIPT (default app.py, relative to APP_DIR or absolute), LISTEN_ADDRESS (nginx's, default
# 127.0.0.1; 0.0.0.0 in a container), SERVE_REPLICAS_STATE (where the run directory pointer lives, default /tmp),
# KEEP_RUN_DIR=1 keeps logs and the generated nginx.conf after stopping. Everything it starts is stopped by the pids
# it recorded.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP_DIR=${APP_DIR:-$ROOT}
APP_SCRIPT=${APP_SCRIPT:-app.py}
LISTEN_ADDRESS=${LISTEN_ADDRESS:-127.0.0.1}
STATE_BASE=${SERVE_REPLICAS_STATE:-/tmp}
NGINX=${NGINX:-nginx}
if [ -z "${PYTHON:-}" ]; then
  if [ -x "$ROOT/.venv/bin/python" ]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
pointer() { echo "$STATE_BASE/serve_replicas.$1.dir"; }

healthy() {  # healthy URL: one bounded HTTP check
  "$PYTHON" - "$1" <<'PY' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_stcore/health", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
}

wait_healthy() {  # wait_healthy URL SECONDS [PID]: bounded in time
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt "$deadline" ]; do
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then return 1; fi
    healthy "$1" && return 0
    sleep 0.3
  done
  return 1
}

port_free() {
  ! "$PYTHON" -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('127.0.0.1', int(sys.argv[1]))) == 0 else 1)" "$1"
}

stop_instance() {
  local port=${1:-8080} dir
  dir=$(cat "$(pointer "$port")" 2>/dev/null) || { echo "no instance on port $port" >&2; exit 1; }
  local pid; pid=$(cat "$dir/main.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.2; done
  echo "serve_replicas ($pid) still running after 20 s" >&2; exit 1
}

stop_replica() {
  local index=$1 port=${2:-8080} dir
  dir=$(cat "$(pointer "$port")" 2>/dev/null) || { echo "no instance on port $port" >&2; exit 1; }
  [ -f "$dir/replica-$index.pid" ] || { echo "no replica $index" >&2; exit 1; }
  kill -TERM "$(cat "$dir/replica-$index.pid")"
  echo "stopped replica $index (port $(cat "$dir/replica-$index.port"))"
}

case "${1:-}" in
  stop) stop_instance "${2:-8080}"; exit ;;
  stop-replica) [ -n "${2:-}" ] || usage; stop_replica "$2" "${3:-8080}"; exit ;;
  ''|-h|--help) usage ;;
esac

N=$1
PORT=${2:-8080}
[[ "$N" =~ ^[1-9][0-9]?$ ]] || usage
[[ "$PORT" =~ ^[0-9]+$ ]] || usage
command -v "$NGINX" >/dev/null 2>&1 || { echo "nginx not found: apt-get install nginx" >&2; exit 1; }
for p in $(seq "$PORT" $((PORT + N))); do
  port_free "$p" || { echo "port $p is in use" >&2; exit 1; }
done

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/serve_replicas.$PORT.XXXXXX")
mkdir -p "$RUN_DIR/tmp"
if [ "$(id -u)" = 0 ]; then  # nginx's workers run as nobody: let them reach their temp paths
  chmod 711 "$RUN_DIR"
  chown -R nobody "$RUN_DIR/tmp" 2>/dev/null || true
fi
echo $$ > "$RUN_DIR/main.pid"
echo "$RUN_DIR" > "$(pointer "$PORT")"
PIDS=()
WARMERS=()

cleanup() {
  trap - EXIT INT TERM
  local pid
  if [ -f "$RUN_DIR/nginx.pid" ] || [ -n "${NGINX_PID:-}" ]; then
    kill -TERM "${NGINX_PID:-$(cat "$RUN_DIR/nginx.pid")}" 2>/dev/null || true
  fi
  for pid in "${WARMERS[@]}" "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in ${NGINX_PID:-} "${PIDS[@]}"; do
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$(pointer "$PORT")"
  if [ "${KEEP_RUN_DIR:-0}" = 1 ]; then echo "run directory kept: $RUN_DIR"; else rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# One cookie secret for all replicas, so an XSRF cookie issued by one replica is valid on the others.
export STREAMLIT_SERVER_COOKIE_SECRET
STREAMLIT_SERVER_COOKIE_SECRET=$("$PYTHON" -c "import secrets; print(secrets.token_hex(32))")

UPSTREAMS=""
for i in $(seq 1 "$N"); do
  p=$((PORT + i))
  (cd "$APP_DIR" && exec "$PYTHON" -m streamlit run "$APP_SCRIPT" --server.port "$p" --server.address 127.0.0.1 \
      --server.headless true --server.fileWatcherType none) >"$RUN_DIR/replica-$i.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$RUN_DIR/replica-$i.pid"
  echo "$p" > "$RUN_DIR/replica-$i.port"
  UPSTREAMS+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'
done
for i in $(seq 1 "$N"); do
  wait_healthy "http://127.0.0.1:$((PORT + i))" 90 "${PIDS[$((i - 1))]}" \
    || { echo "replica $i did not start (log: $RUN_DIR/replica-$i.log)" >&2; tail -5 "$RUN_DIR/replica-$i.log" >&2; exit 1; }
done
if [ "${WARM:-1}" != 0 ]; then  # readiness: the replicas warm side by side, each bounded by warm_replica.py
  for i in $(seq 1 "$N"); do
    "$PYTHON" "$ROOT/scripts/warm_replica.py" "http://127.0.0.1:$((PORT + i))" --languages "${WARM_LANGUAGES:-fr,en,ar}" \
      ${WARM_PAGES:+--pages "$WARM_PAGES"} >"$RUN_DIR/warm-$i.log" 2>&1 &
    WARMERS+=($!)
  done
  for i in $(seq 1 "$N"); do
    wait "${WARMERS[$((i - 1))]}" \
      || { echo "replica $i did not get ready (log: $RUN_DIR/warm-$i.log)" >&2; tail -5 "$RUN_DIR/warm-$i.log" >&2; exit 1; }
    echo "replica $i: $(tail -1 "$RUN_DIR/warm-$i.log")"
  done
  WARMERS=()
fi

export RUN_DIR PORT UPSTREAMS LISTEN_ADDRESS
"$PYTHON" - "$ROOT/deploy/nginx.conf.template" "$RUN_DIR/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
text = text.replace("@RUN_DIR@", os.environ["RUN_DIR"]).replace("@LISTEN_PORT@", os.environ["PORT"])
text = text.replace("@LISTEN_ADDRESS@", os.environ["LISTEN_ADDRESS"])
text = text.replace("@UPSTREAM_SERVERS@\n", os.environ["UPSTREAMS"])
open(sys.argv[2], "w").write(text)
PY
"$NGINX" -t -q -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/error.log"
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/error.log" &
NGINX_PID=$!
wait_healthy "http://127.0.0.1:$PORT" 30 "$NGINX_PID" \
  || { echo "nginx did not start (log: $RUN_DIR/error.log)" >&2; cat "$RUN_DIR/error.log" >&2; exit 1; }

echo "serving http://$LISTEN_ADDRESS:$PORT from $N replica(s) on ports $((PORT + 1))-$((PORT + N)); run dir $RUN_DIR"
echo "stop: Ctrl-C, or $0 stop $PORT"
wait "$NGINX_PID" || true
echo "nginx exited" >&2
