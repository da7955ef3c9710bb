#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with the Bicep CLI pinned in
# tools/bicep/bicep-cli.proj (fetched from NuGet). Fails on any error AND on any warning
# (linter rules are configured in infra/bicepconfig.json). Also checks that
# infra/main.parameters.json is valid JSON naming only parameters main.bicep declares, evaluates
# main.bicep's CORS-origins function on sample values, and runs the azd hook scripts against a stand-in
# Azure CLI (scripts/check-hooks.sh). Needs no network but NuGet; Bicep itself makes no network calls
# here because infra/ references no registry modules.
#
# Usage: bash scripts/check-infra.sh      Exit code 0 = OK, non-zero = FAIL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
proj="$root/tools/bicep/bicep-cli.proj"
package="Azure.Bicep.CommandLine.linux-x64"

fail() {
  echo "check-infra: FAIL: $*" >&2
  exit 1
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version="$(sed -n "s/.*Include=\"$package\" Version=\"\[\([^]]*\)\]\".*/\1/p" "$proj")"
[ -n "$version" ] || fail "no exact [version] of $package in $proj"

dotnet restore "$proj" --verbosity quiet >/dev/null || fail "dotnet restore $proj"

packages="${NUGET_PACKAGES:-}"
if [ -z "$packages" ]; then
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
fi
packages="${packages%/}"
bicep="$packages/$(echo "$package" | tr '[:upper:]' '[:lower:]')/$version/tools/bicep"
[ -f "$bicep" ] || fail "bicep CLI not found at $bicep"
[ -x "$bicep" ] || chmod +x "$bicep"
echo "check-infra: $("$bicep" --version)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

mapfile -t files < <(cd "$root" && find infra -name '*.bicep' -type f | sort)
[ "${#files[@]}" -gt 0 ] || fail "no .bicep files under infra/"

problems=0
for file in "${files[@]}"; do
  # `build` reports compiler diagnostics and most linter rules; `lint` adds the lint-only rules
  # (e.g. what-if-short-circuiting). Bicep exits 0 on warnings, so the output is read too.
  name="$(echo "$file" | tr '/' '_')"
  set +e
  build_log="$(cd "$root" && "$bicep" build "$file" --outfile "$out/${name%.bicep}.json" 2>&1)"
  build_rc=$?
  lint_log="$(cd "$root" && "$bicep" lint "$file" 2>&1)"
  lint_rc=$?
  set -e
  log="$(printf '%s\n%s\n' "$build_log" "$lint_log" | sed '/^$/d' | sort -u)"
  if [ "$build_rc" -ne 0 ] || [ "$lint_rc" -ne 0 ] || echo "$log" | grep -Eqi '(warning|error)'; then
    echo "check-infra: $file: FAIL (build exit $build_rc, lint exit $lint_rc)"
    [ -z "$log" ] || echo "$log" | sed 's/^/  /'
    problems=$((problems + 1))
  else
    echo "check-infra: $file: ok"
  fi
done

# main.parameters.json (azd substitutes ${VAR} values): valid JSON, only parameters main.bicep declares,
# and every main.bicep parameter without a default value is given.
params_check="$(python3 - "$root/infra/main.parameters.json" "$out/infra_main.json" <<'PY'
import json, sys
try:
    given = json.load(open(sys.argv[1], encoding="utf-8"))["parameters"]
    declared = json.load(open(sys.argv[2], encoding="utf-8"))["parameters"]
except Exception as e:  # noqa: BLE001 - any failure is reported
    print(f"cannot read parameters: {e}")
    sys.exit(1)
unknown = sorted(set(given) - set(declared))
missing = sorted(n for n, p in declared.items() if "defaultValue" not in p and not p.get("nullable") and n not in given)
if unknown:
    print("main.parameters.json names parameters main.bicep does not declare: " + ", ".join(unknown))
if missing:
    print("main.parameters.json misses required parameters: " + ", ".join(missing))
sys.exit(1 if unknown or missing else 0)
PY
)" && echo "check-infra: infra/main.parameters.json: ok" || {
  echo "check-infra: infra/main.parameters.json: FAIL"
  echo "$params_check" | sed 's/^/  /'
  problems=$((problems + 1))
}

# main.bicep's corsOriginsOf, evaluated by the Bicep console on the values people pass (azd substitutes
# ALLOWED_CORS_ORIGINS as a string): a comma-separated list, a JSON array as the docs once said, nothing.
cors_func="$(grep -E '^func corsOriginsOf\(' "$root/infra/main.bicep" || true)"
if [ -z "$cors_func" ]; then
  echo "check-infra: corsOriginsOf: FAIL (no one-line func corsOriginsOf in infra/main.bicep)"
  problems=$((problems + 1))
else
  # One console session for all values: each prints its result, in order.
  inputs=(
    "''" "' '" "'[]'" "'https://a.example'" "' https://a.example , https://b.example,'"
    "'[\"https://a.example\",\"https://b.example\"]'" "'*'"
  )
  expected="[][][]['https://a.example']['https://a.example''https://b.example']['https://a.example''https://b.example']['*']"
  session="$cors_func"$'\n'
  for input in "${inputs[@]}"; do session+="corsOriginsOf($input)"$'\n'; done
  actual="$(printf '%s' "$session" | timeout 120 "$bicep" console 2>&1 | tr -d ' \n')"
  if [ "$actual" = "$expected" ]; then
    echo "check-infra: main.bicep corsOriginsOf: ok (${#inputs[@]} values)"
  else
    echo "check-infra: main.bicep corsOriginsOf: FAIL"
    echo "  inputs:   ${inputs[*]}"
    echo "  expected: $expected"
    echo "  actual:   $actual"
    problems=$((problems + 1))
  fi
fi

for hook in "$root"/scripts/azd-*.sh; do
  [ -e "$hook" ] || continue
  if sh -n "$hook"; then
    echo "check-infra: scripts/$(basename "$hook"): ok (syntax)"
  else
    echo "check-infra: scripts/$(basename "$hook"): FAIL (syntax)"
    problems=$((problems + 1))
  fi
done

bash "$root/scripts/check-hooks.sh" || problems=$((problems + 1))

if [ "$problems" -ne 0 ]; then
  echo "check-infra: FAIL ($problems problem(s) in infra/; warnings count as failures)"
  exit 1
fi
echo "check-infra: OK (${#files[@]} Bicep files built and linted, no warnings)"
