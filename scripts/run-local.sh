#!/usr/bin/env bash
# Run everything locally: Azurite, a build, the seeds uploaded to the documents container, and the
# function app under Azure Functions Core Tools (`func start`), which ingests them and serves the API.
# Without Core Tools it says how to install them and still does the main job with the CLI: the seeds
# are imported into Table Storage and the newest articles are listed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
app=src/NewsFunctions.FunctionApp
cli=(dotnet "$root/src/NewsFunctions.Cli/bin/Release/net10.0/newsfn.dll")

[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund --loglevel=error
scripts/azurite.sh start
[ -f "$app/local.settings.json" ] || cp "$app/local.settings.sample.json" "$app/local.settings.json"

dotnet build NewsFunctions.sln -c Release --nologo -v quiet
"${cli[@]}" upload seeds

if command -v func >/dev/null 2>&1; then
  echo "Starting the function app: the blob trigger ingests the uploaded seeds; try curl http://localhost:7071/api/articles"
  cd "$app" && exec func start
fi

cat <<'MSG'

Azure Functions Core Tools (func) is not installed, so the function app cannot be started here.
Install it to run the app locally (https://learn.microsoft.com/azure/azure-functions/functions-run-local):
  npm install -g azure-functions-core-tools@4 --unsafe-perm true     (or: brew tap azure/functions && brew install azure-functions-core-tools@4)
then run this script again. Meanwhile, the CLI ingests the seeds through the same services:

MSG
"${cli[@]}" import seeds
"${cli[@]}" list
echo
echo "Azurite keeps running (data in .azurite/); stop it with: scripts/azurite.sh stop"
