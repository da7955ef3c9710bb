#!/usr/bin/env bash
# Score the parser on the development corpus: builds the CLI in Release, parses every page of both
# variants with `newsfn parse` and prints score.py's summary line for each variant, whole and per fold.
#   scripts/score-corpus.sh                     # six summary lines
#   scripts/score-corpus.sh --verbose --fold A  # per-page rows of fold A only (both variants), then its summaries
#   scripts/score-corpus.sh --no-build          # reuse the last build
# CORPUS (default ../shared/corpus) and OUT (default a temp dir; the JSON lines are kept there) may be set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${CORPUS:-$root/../shared/corpus}"
score="${SCORE:-$(dirname "$corpus")/eval/score.py}"
out="${OUT:-$(mktemp -d)}"
build=1 verbose="" fold=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --verbose) verbose="--verbose" ;;
    --fold) fold="$2"; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

cli="$root/src/NewsFunctions.Cli/bin/Release/net10.0/newsfn.dll"
if [ "$build" = 1 ]; then
  dotnet build "$root/src/NewsFunctions.Cli" -c Release -v q -nologo >/dev/null
fi
mkdir -p "$out"
for kind in html text; do
  ext=$([ "$kind" = html ] && echo html || echo txt)
  dotnet "$cli" parse "$corpus/$kind"/*."$ext" 2>/dev/null > "$out/$kind.jsonl"
done

for kind in html text; do
  if [ -n "$verbose" ]; then
    python3 "$score" "$corpus" "$out/$kind.jsonl" --kind "$kind" ${fold:+--fold "$fold"} --verbose | grep -v '^summary' | sed "s/^/$kind  /"
  fi
  folds=("" A B)
  [ -n "$fold" ] && folds=("$fold")
  for f in "${folds[@]}"; do
    printf '%-4s %-6s ' "$kind" "${f:-whole}"
    python3 "$score" "$corpus" "$out/$kind.jsonl" --kind "$kind" ${f:+--fold "$f"} | grep '^summary'
  done
done
echo "predictions: $out" >&2
