using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Ingestion;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// The sweep on a timer, so a deployment heals itself: documents in the container that the blob trigger never
/// recorded (uploaded before the trigger existed, events lost in an outage, an app stopped during uploads) are
/// ingested within the hour. <c>newsfn sync</c> runs the same sweep by hand.
/// </summary>
public sealed class SyncDocuments(DocumentSync sync)
{
    /// <summary>
    /// The schedule is a setting that always resolves. The host resolves <c>%name%</c> in a schedule from its
    /// configuration (DefaultNameResolver over IConfiguration) and puts the function in error when the name has no
    /// value; a host started outside Core Tools has no settings but AzureWebJobsStorage. Its configuration also holds
    /// every host.json value under <c>AzureFunctionsJobHost:</c> (HostJsonFileConfigurationSource), and app settings
    /// named <c>AzureFunctionsJobHost__path__to__value</c> override host.json. So the default (hourly) lives in host.json
    /// at <c>newsFunctions.syncSchedule</c>, and the app setting <c>AzureFunctionsJobHost__newsFunctions__syncSchedule</c>
    /// changes it (NCRONTAB with seconds, e.g. <c>0 */15 * * * *</c>). FunctionsMetadataTests checks both ends.
    /// </summary>
    public const string Schedule = "%" + ScheduleSetting + "%";

    /// <summary>Where the host finds the schedule: host.json's <c>newsFunctions.syncSchedule</c>, as the host's configuration names it.</summary>
    public const string ScheduleSetting = "AzureFunctionsJobHost:newsFunctions:syncSchedule";

    /// <summary>
    /// A run stops starting new listing pages after this, inside host.json's functionTimeout (5 minutes): a timed-out
    /// invocation would restart the worker. What is left is taken by the next run (the sweep resumes by re-examination).
    /// </summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(4);

    [Function(nameof(SyncDocuments))]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        // The service logs what it found; a document it cannot ingest stays unrecorded for the next run.
        return sync.RunAsync(SyncOptions.Default with { TimeBudget = TimeBudget }, onItem: null, progress: null, cancellationToken);
    }
}
