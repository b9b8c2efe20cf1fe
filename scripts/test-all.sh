#!/usr/bin/env bash
# Every test Switchyard has, in order: lint, imports (no circles, layers one way), type check, unit, build, integration (real engine),
# system (the built app: security, faults, fuzz), e2e (real Chromium against the built app and the real engine).
# Needs: node_modules (npm ci), a Docker engine (or root, so scripts/lab.sh can start one),
# and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

STEPS=("lint" "imports" "type check" "unit" "lab engine" "build" "integration" "system" "e2e")
DONE=()
CURRENT=""
# step NAME COMMAND...: run one step; set -e ends the run at the first that fails.
step() {
  CURRENT=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$CURRENT"
  "$@"
  DONE+=("$CURRENT"); CURRENT=""
}
# The last line says how many tests passed and failed and, if the run stopped early, in which
# step and what did not run; the exit code is non-zero unless everything ran and passed.
finish() {
  local rc=$?
  trap - EXIT INT TERM
  printf '\n'
  local code=0
  node scripts/test-summary.mjs --rc "$rc" --stopped-at "$CURRENT" \
    --steps "$(IFS='|'; echo "${STEPS[*]}")" --done "$(IFS='|'; echo "${DONE[*]}")" || code=$?
  exit "$code"
}
mkdir -p test-reports
rm -f test-reports/vitest-*.json test-reports/playwright.json
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "lint"        npx eslint . --max-warnings=0
step "imports"     npm run --silent lint:deps
step "type check"  npx tsc --noEmit
step "unit"        npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-reports/vitest-unit.json
step "lab engine"  bash scripts/lab.sh up
step "build"       npm run -s build
step "integration" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-reports/vitest-integration.json
step "system"      npx vitest run --project system --reporter=default --reporter=json --outputFile.json=test-reports/vitest-system.json
step "e2e"         env PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/playwright.json npx playwright test --reporter=list,json
