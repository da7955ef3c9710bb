# azd postdeploy hook for Windows (PowerShell 7, `pwsh`): the same as scripts/azd-postdeploy.sh, which
# azd runs on Linux and macOS. Subscribes the function app's Event Grid blob trigger to BlobCreated events
# of the `seeds` container, after `azd deploy` / `azd up`, with the azd environment in its environment.
#
# Every az call names the deployment's subscription (az may be signed in to another by default), and
# whatever az says on failure is shown: a wrong account or a missing role fails at once, not after a wait.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Fail([string] $message) {
    [Console]::Error.WriteLine("azd-postdeploy: $message")
    exit 1
}

function Require([string] $name, [string] $hint) {
    $value = [Environment]::GetEnvironmentVariable($name)
    if ([string]::IsNullOrEmpty($value)) { Fail "${name} is missing: $hint" }
    return $value
}

# az with the deployment's subscription. Returns @{ Ok; Out; Err }: standard output, and standard error for messages.
function Invoke-Az([string[]] $arguments) {
    $errors = New-TemporaryFile
    try {
        $out = & az @arguments --subscription $subscription 2> $errors.FullName
        $ok = $LASTEXITCODE -eq 0
        return @{ Ok = $ok; Out = (($out | Out-String).Trim()); Err = ((Get-Content -Raw $errors.FullName) ?? '').Trim() }
    }
    finally {
        Remove-Item $errors.FullName -ErrorAction SilentlyContinue
    }
}

$subscription = Require 'AZURE_SUBSCRIPTION_ID' 'run azd provision first (azd sets it for the environment)'
$resourceGroup = Require 'AZURE_RESOURCE_GROUP' 'run azd provision first'
$appName = Require 'AZURE_FUNCTION_APP_NAME' 'run azd provision first'
$topicName = Require 'EVENTGRID_SYSTEM_TOPIC_NAME' 'run azd provision first'
$container = if ($env:DOCUMENTS_CONTAINER_NAME) { $env:DOCUMENTS_CONTAINER_NAME } else { 'seeds' }
$functionName = 'IngestDocumentFromEventGrid'
$subscriptionName = 'seeds-blob-created'
$tries = if ($env:AZD_POSTDEPLOY_KEY_TRIES) { [int]$env:AZD_POSTDEPLOY_KEY_TRIES } else { 30 }
$pause = if ($env:AZD_POSTDEPLOY_KEY_PAUSE_SECONDS) { [int]$env:AZD_POSTDEPLOY_KEY_PAUSE_SECONDS } else { 10 }

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { Fail 'the Azure CLI (az) is required; see docs/deploy.md' }

# Fail fast: signed in, with access to the subscription and the app.
$account = Invoke-Az @('account', 'show', '--query', 'id', '--output', 'none')
if (-not $account.Ok) { Fail "az cannot use subscription $subscription (run: az login, then azd hooks run postdeploy): $($account.Err)" }
$app = Invoke-Az @('functionapp', 'show', '--name', $appName, '--resource-group', $resourceGroup, '--query', 'defaultHostName', '--output', 'tsv')
if (-not $app.Ok) { Fail "cannot read function app $appName in ${resourceGroup}: $($app.Err)" }
$hostName = $app.Out

# The host writes its system keys shortly after the first start of code with an Event Grid blob trigger.
$key = ''
for ($try = 1; $try -le $tries -and -not $key; $try++) {
    $keys = Invoke-Az @('functionapp', 'keys', 'list', '--name', $appName, '--resource-group', $resourceGroup, '--query', 'systemKeys.blobs_extension', '--output', 'tsv')
    if ($keys.Ok) {
        $key = $keys.Out
        if (-not $key) { Write-Host "azd-postdeploy: waiting for the blobs_extension system key ($try/$tries)..." }
    }
    else {
        # Shown, not hidden: a host that is still starting answers with an error for a while.
        [Console]::Error.WriteLine("azd-postdeploy: listing the app's keys failed ($try/$tries): $($keys.Err)")
    }
    if (-not $key -and $try -lt $tries) { Start-Sleep -Seconds $pause }
}
if (-not $key) {
    $functions = Invoke-Az @('functionapp', 'function', 'list', '--name', $appName, '--resource-group', $resourceGroup, '--query', '[].name', '--output', 'tsv')
    $deployed = if ($functions.Ok -and $functions.Out) { ($functions.Out -split "`r?`n") -join ', ' } else { 'none listed' }
    Fail ("no blobs_extension system key on $appName. Deployed functions: $deployed.`n" +
        "  $functionName must be deployed: azd publishes it (dotnet publish builds BlobTriggerSource=EventGrid).`n" +
        '  Re-run when the app has started: azd hooks run postdeploy')
}

# The URL goes to az as @file: az is a batch file on Windows, where cmd.exe would cut the argument at its '&'
# (and the key stays out of process listings).
$endpointFile = New-TemporaryFile
try {
    Set-Content -NoNewline -Path $endpointFile.FullName -Value "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"

    # Event Grid validates the webhook with a handshake that the Functions blob extension answers.
    $created = Invoke-Az @('eventgrid', 'system-topic', 'event-subscription', 'create',
        '--name', $subscriptionName,
        '--resource-group', $resourceGroup,
        '--system-topic-name', $topicName,
        '--endpoint-type', 'webhook',
        '--endpoint', "@$($endpointFile.FullName)",
        '--included-event-types', 'Microsoft.Storage.BlobCreated',
        '--subject-begins-with', "/blobServices/default/containers/$container/",
        '--output', 'none')
}
finally {
    Remove-Item $endpointFile.FullName -ErrorAction SilentlyContinue
}
if (-not $created.Ok) { Fail "creating the Event Grid subscription $subscriptionName failed: $($created.Err)" }

Write-Host "azd-postdeploy: Event Grid subscription '$subscriptionName' delivers BlobCreated in '$container' to $functionName."
