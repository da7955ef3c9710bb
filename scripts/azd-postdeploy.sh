#!/bin/sh
# azd postdeploy hook: subscribes the function app's Event Grid blob trigger to BlobCreated events of
# the `seeds` container. Runs after `azd deploy` / `azd up`, with the Bicep outputs in the environment.
#
# Why here and not in Bicep: the webhook URL carries the blobs_extension system key, which the
# Functions host creates only when code with an Event Grid blob trigger has been deployed and started.
# Re-running is safe: `create` puts the subscription (create or update).
set -eu

: "${AZURE_RESOURCE_GROUP:?missing: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?missing: run azd provision first}"
: "${EVENTGRID_SYSTEM_TOPIC_NAME:?missing: run azd provision first}"
container="${DOCUMENTS_CONTAINER_NAME:-seeds}"
function_name="IngestDocumentFromEventGrid"
subscription_name="seeds-blob-created"

if ! command -v az >/dev/null 2>&1; then
  echo "azd-postdeploy: the Azure CLI (az) is required; see docs/deploy.md" >&2
  exit 1
fi

# The host writes its system keys shortly after the first start: wait for the key (about 5 minutes at most).
key=""
tries=0
while [ -z "$key" ] && [ "$tries" -lt 30 ]; do
  key=$(az functionapp keys list --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  if [ -z "$key" ]; then
    tries=$((tries + 1))
    echo "azd-postdeploy: waiting for the blobs_extension system key ($tries/30)..."
    sleep 10
  fi
done
if [ -z "$key" ]; then
  echo "azd-postdeploy: no blobs_extension system key on $AZURE_FUNCTION_APP_NAME." >&2
  echo "  Is $function_name deployed (blob trigger with Source = EventGrid)? Re-run: azd hooks run postdeploy" >&2
  exit 1
fi

host=$(az functionapp show --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
  --query "defaultHostName" --output tsv)
endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

# Event Grid validates the webhook with a handshake that the Functions blob extension answers.
az eventgrid system-topic event-subscription create \
  --name "$subscription_name" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${container}/" \
  --output none

echo "azd-postdeploy: Event Grid subscription '$subscription_name' delivers BlobCreated in '$container' to $function_name."
