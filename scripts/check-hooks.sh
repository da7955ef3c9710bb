#!/usr/bin/env bash
# Runs the azd postdeploy hooks (scripts/azd-postdeploy.sh with sh, scripts/azd-postdeploy.ps1 with PowerShell 7)
# against a stand-in for the Azure CLI that records its arguments and answers as Azure would, and checks:
#   - every az call names the deployment's subscription (--subscription $AZURE_SUBSCRIPTION_ID);
#   - a working deployment gets its Event Grid subscription, with the webhook URL passed as @file;
#   - az that cannot use the subscription fails the hook at once, with az's own message;
#   - a deployment without the Event Grid function fails after the wait, naming the functions it has.
# PowerShell comes from NuGet (the PowerShell global tool, pinned), like the Bicep CLI in check-infra.sh.
#
# Usage: bash scripts/check-hooks.sh      Exit code 0 = OK, non-zero = FAIL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pwsh_version="7.6.10"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
problems=0

fail() {
  echo "check-hooks: FAIL: $*"
  problems=$((problems + 1))
}

# The stand-in `az`: logs each call (one line of arguments), answers by command, per $FAKE_AZ.
mkdir -p "$work/bin"
cat >"$work/bin/az" <<'AZ'
#!/bin/sh
printf '%s\n' "$*" >>"$FAKE_AZ_LOG"
case "$*" in
  "account show"*)
    if [ "$FAKE_AZ" = "wrong-subscription" ]; then
      echo "ERROR: Subscription 'sub-0000' not found. Check the spelling and casing and try again." >&2
      exit 1
    fi ;;
  "functionapp show"*) echo "func-test.azurewebsites.net" ;;
  "functionapp keys list"*) [ "$FAKE_AZ" = "polling-build" ] || echo "blobkey123" ;;
  "functionapp function list"*) printf 'func-test/IngestDocument\nfunc-test/ListArticles\n' ;;
  "eventgrid system-topic event-subscription create"*)
    # The endpoint comes as @file: record what the file holds.
    for argument in "$@"; do
      case "$argument" in @*) cat "${argument#@}" >"$FAKE_AZ_LOG.endpoint" ;; esac
    done ;;
esac
exit 0
AZ
chmod +x "$work/bin/az"

pwsh="$work/pwsh/pwsh"
if ! dotnet tool install PowerShell --version "$pwsh_version" --tool-path "$work/pwsh" >"$work/pwsh-install.log" 2>&1; then
  cat "$work/pwsh-install.log"
  fail "could not install PowerShell $pwsh_version from NuGet"
  pwsh=""
fi

# run HOOK SCENARIO: runs one hook in a scenario; sets $status, $output and $log.
run() {
  local hook="$1" scenario="$2"
  log="$work/$scenario-$(basename "$hook").log"
  : >"$log"
  local command=(sh "$root/scripts/azd-postdeploy.sh")
  [ "$hook" = "pwsh" ] && command=("$pwsh" -NoProfile -NonInteractive -File "$root/scripts/azd-postdeploy.ps1")
  set +e
  output="$(env PATH="$work/bin:$PATH" FAKE_AZ="$scenario" FAKE_AZ_LOG="$log" \
    AZURE_SUBSCRIPTION_ID=sub-0000 AZURE_RESOURCE_GROUP=rg-test AZURE_FUNCTION_APP_NAME=func-test \
    EVENTGRID_SYSTEM_TOPIC_NAME=evgt-test DOCUMENTS_CONTAINER_NAME=seeds \
    AZD_POSTDEPLOY_KEY_TRIES=2 AZD_POSTDEPLOY_KEY_PAUSE_SECONDS=0 \
    timeout 120 "${command[@]}" 2>&1)"
  status=$?
  set -e
}

check() {
  local hook="$1"
  run "$hook" ok
  if [ "$status" -ne 0 ]; then fail "$hook: a working deployment failed: $output"; fi
  if grep -v -- "--subscription sub-0000" "$log" | grep -q .; then fail "$hook: az called without the subscription: $(grep -v -- '--subscription sub-0000' "$log")"; fi
  grep -q "^eventgrid system-topic event-subscription create .*--name seeds-blob-created" "$log" || fail "$hook: no Event Grid subscription created"
  grep -q -- "--subject-begins-with /blobServices/default/containers/seeds/" "$log" || fail "$hook: the subscription does not filter on the seeds container"
  if grep -q "blobkey123" "$log"; then fail "$hook: the key appeared on az's command line"; fi
  [ "$(cat "$log.endpoint" 2>/dev/null)" = "https://func-test.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.IngestDocumentFromEventGrid&code=blobkey123" ] \
    || fail "$hook: webhook URL was '$(cat "$log.endpoint" 2>/dev/null)'"

  run "$hook" wrong-subscription
  if [ "$status" -eq 0 ]; then fail "$hook: succeeded with a subscription az cannot use"; fi
  echo "$output" | grep -q "Subscription 'sub-0000' not found" || fail "$hook: az's error was not shown: $output"
  if grep -q "keys list" "$log"; then fail "$hook: waited for keys although az cannot use the subscription"; fi

  run "$hook" polling-build
  if [ "$status" -eq 0 ]; then fail "$hook: succeeded without a blobs_extension key"; fi
  echo "$output" | grep -q "func-test/IngestDocument" || fail "$hook: the deployed functions were not named: $output"
  [ "$(grep -c "keys list" "$log")" -eq 2 ] || fail "$hook: expected 2 tries for the key, made $(grep -c "keys list" "$log")"
  if grep -q "event-subscription create" "$log"; then fail "$hook: created a subscription without a key"; fi
}

check sh
echo "check-hooks: scripts/azd-postdeploy.sh: checked"
if [ -n "$pwsh" ]; then
  check pwsh
  echo "check-hooks: scripts/azd-postdeploy.ps1: checked (PowerShell $("$pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'))"
fi

if [ "$problems" -ne 0 ]; then
  echo "check-hooks: FAIL ($problems problem(s))"
  exit 1
fi
echo "check-hooks: OK"
