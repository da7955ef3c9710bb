#!/bin/sh
# azd postdeploy hook: subscribes the function app's Event Grid blob trigger to BlobCreated events of
# the `seeds` container. Runs after `azd deploy` / `azd up`, with the azd environment (the Bicep outputs
# and AZURE_SUBSCRIPTION_ID) in its environment. scripts/azd-postdeploy.ps1 is the same for Windows.
#
# Why here and not in Bicep: the webhook URL carries the blobs_extension system key, which the
# Functions host creates only when code with an Event Grid blob trigger has been deployed and started.
# Re-running is safe: `create` puts the subscription (create or update).
#
# Every az call names the deployment's subscription (az may be signed in to another by default), and
# whatever az says on failure is shown: a wrong account or a missing role fails at once, not after a wait.
set -eu

fail() {
  echo "azd-postdeploy: $*" >&2
  exit 1
}

: "${AZURE_SUBSCRIPTION_ID:?missing: run azd provision first (azd sets it for the environment)}"
: "${AZURE_RESOURCE_GROUP:?missing: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?missing: run azd provision first}"
: "${EVENTGRID_SYSTEM_TOPIC_NAME:?missing: run azd provision first}"
container="${DOCUMENTS_CONTAINER_NAME:-seeds}"
function_name="IngestDocumentFromEventGrid"
subscription_name="seeds-blob-created"
tries="${AZD_POSTDEPLOY_KEY_TRIES:-30}"
pause="${AZD_POSTDEPLOY_KEY_PAUSE_SECONDS:-10}"

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is required; see docs/deploy.md"

errors="$(mktemp)"
endpoint_file="$(mktemp)"
trap 'rm -f "$errors" "$endpoint_file"' EXIT

# az with the deployment's subscription; its standard error is kept in $errors for the message.
az_sub() {
  az "$@" --subscription "$AZURE_SUBSCRIPTION_ID" 2>"$errors"
}

# Fail fast: signed in, with access to the subscription and the app.
az_sub account show --query id --output none \
  || fail "az cannot use subscription $AZURE_SUBSCRIPTION_ID (run: az login, then azd hooks run postdeploy): $(cat "$errors")"
host=$(az_sub functionapp show --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
  --query "defaultHostName" --output tsv) \
  || fail "cannot read function app $AZURE_FUNCTION_APP_NAME in $AZURE_RESOURCE_GROUP: $(cat "$errors")"

# The host writes its system keys shortly after the first start of code with an Event Grid blob trigger.
key=""
try=0
while [ -z "$key" ] && [ "$try" -lt "$tries" ]; do
  try=$((try + 1))
  if key=$(az_sub functionapp keys list --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
    --query "systemKeys.blobs_extension" --output tsv); then
    [ -n "$key" ] && break
    echo "azd-postdeploy: waiting for the blobs_extension system key ($try/$tries)..."
  else
    key=""
    # Shown, not hidden: a host that is still starting answers with an error for a while.
    echo "azd-postdeploy: listing the app's keys failed ($try/$tries): $(cat "$errors")" >&2
  fi
  if [ "$try" -lt "$tries" ]; then sleep "$pause"; fi
done
if [ -z "$key" ]; then
  functions=$(az_sub functionapp function list --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
    --query "[].name" --output tsv 2>/dev/null || true)
  fail "no blobs_extension system key on $AZURE_FUNCTION_APP_NAME. Deployed functions: ${functions:-none listed}.
  $function_name must be deployed: azd publishes it (dotnet publish builds BlobTriggerSource=EventGrid).
  Re-run when the app has started: azd hooks run postdeploy"
fi

# The URL goes to az as @file: the key stays out of process listings (and '&' out of any shell's way).
printf '%s' "https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}" >"$endpoint_file"

# Event Grid validates the webhook with a handshake that the Functions blob extension answers.
az_sub eventgrid system-topic event-subscription create \
  --name "$subscription_name" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "@$endpoint_file" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${container}/" \
  --output none \
  || fail "creating the Event Grid subscription $subscription_name failed: $(cat "$errors")"

echo "azd-postdeploy: Event Grid subscription '$subscription_name' delivers BlobCreated in '$container' to $function_name."
