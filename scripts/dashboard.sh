#!/usr/bin/env bash
# Serve Switchyard on http://127.0.0.1:3000 against the local engine (DOCKER_HOST or
# /var/run/docker.sock), installing dependencies and building first where needed.
# PORT and SWITCHYARD_HOST change the address (see SECURITY notes in README before
# listening anywhere but loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[switchyard] installing dependencies"
  bash scripts/install-deps.sh
fi
newest_src=$(find app components lib proxy.ts next.config.js package-lock.json -newer .next/BUILD_ID 2>/dev/null | head -1 || true)
if [ ! -f .next/BUILD_ID ] || [ -n "$newest_src" ]; then
  echo "[switchyard] building"
  npx next build
fi
host="${SWITCHYARD_HOST:-127.0.0.1}"
case "$host" in
  127.*|localhost|::1|"[::1]") ;;
  *)
    token="${SWITCHYARD_TOKEN:-}"
    if [ "${#token}" -lt 16 ]; then
      echo "[switchyard] refusing to listen on $host without an access token: the Docker socket is root on this host." >&2
      echo "[switchyard] set SWITCHYARD_TOKEN (at least 16 random characters, e.g. \$(openssl rand -hex 24)) and SWITCHYARD_ALLOWED_HOSTS, or listen on 127.0.0.1" >&2
      exit 1
    fi ;;
esac
port="${PORT:-3000}"
echo "[switchyard] serving on http://$host:$port (engine: ${DOCKER_HOST:-unix:///var/run/docker.sock})"
exec node_modules/.bin/next start -H "$host" -p "$port"
