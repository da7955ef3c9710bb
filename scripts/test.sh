#!/usr/bin/env bash
# Run every test: starts the project's Azurite (unless one is already listening), runs `dotnet test`
# on the solution and the front end's `node --test web/tests/`, stops Azurite again, and ends with a plain
# "N passed, N failed" line.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

started=0
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  data="$(mktemp -d)"
  scripts/azurite.sh start "$data" || { echo "0 passed, 1 failed"; exit 1; }
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then scripts/azurite.sh stop >/dev/null; rm -rf "$data"; fi; }
trap cleanup EXIT

log="$(mktemp)"
dotnet test NewsFunctions.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The front end's pure modules (web/lib), with Node's own test runner: no packages, no build.
weblog="$(mktemp)"
node --test --test-reporter=tap web/tests/ >"$weblog" 2>&1
webstatus=$?
grep -E '^(not ok|# (pass|fail) )' "$weblog"
if [ "$webstatus" -ne 0 ]; then cat "$weblog"; fi
webpassed=$(awk '/^# pass /{print $3}' "$weblog")
webfailed=$(awk '/^# fail /{print $3}' "$weblog")
if [ "$webstatus" -ne 0 ] && [ "${webfailed:-0}" -eq 0 ]; then webfailed=1; fi
rm -f "$weblog"

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    15, Skipped:     0, Total: ..."
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a build error fails the run
rm -f "$log"
passed=$((passed + ${webpassed:-0}))
failed=$((failed + ${webfailed:-0}))
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$webstatus" -eq 0 ]
