namespace NewsFunctions.FunctionApp.Functions;

/// <summary>The blob path both ingest triggers watch. The container is named by the issue that defined the service.</summary>
internal static class DocumentTriggers
{
    public const string Path = "seeds/{name}";
    public const string Connection = "AzureWebJobsStorage";
}
