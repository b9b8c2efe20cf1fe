#!/usr/bin/env bash
# Install node_modules exactly as package-lock.json pins them.
# `npm ci` refuses a lock file that lacks other platforms' optional binaries (some registries
# do not report them, so npm cannot record them); `npm install --no-save` then installs the
# same pinned versions without rewriting the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --no-audit --no-fund 2>/tmp/switchyard-npm-ci.err; then
  if grep -q 'Missing: .* from lock file' /tmp/switchyard-npm-ci.err; then
    echo "[switchyard] npm ci: the lock file lacks other platforms' optional packages; installing the locked versions with npm install --no-save"
    npm install --no-save --no-audit --no-fund
  else
    cat /tmp/switchyard-npm-ci.err >&2
    exit 1
  fi
fi
