using System.Diagnostics;
using System.Text.Json;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>
/// The build Azure gets. Flex Consumption refuses every blob trigger whose source is not Event Grid (before it reads
/// any AzureWebJobs.&lt;name&gt;.Disabled setting), so the publish step must declare only IngestDocumentFromEventGrid;
/// the default build (FunctionsMetadataTests) declares only the polling IngestDocument. This publishes the function
/// app exactly as azd does (<c>dotnet publish -c Release</c>, no property) into a folder of its own, once per run.
/// </summary>
public sealed class BlobTriggerBuildTests(PublishedFunctionApp published) : IClassFixture<PublishedFunctionApp>
{
    [Fact]
    public void The_published_build_declares_the_event_grid_blob_trigger_only()
    {
        var functions = FunctionsMetadataTests.Load(published.Output);
        var trigger = functions["IngestDocumentFromEventGrid"].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
        FunctionsMetadataTests.AssertBlobTrigger(trigger, source: "EventGrid");
        Assert.DoesNotContain("IngestDocument", functions.Keys);
        Assert.DoesNotContain(functions.Values, f => f.GetProperty("bindings").EnumerateArray()
            .Any(b => b.GetProperty("type").GetString() == "blobTrigger" && !(b.TryGetProperty("source", out var s) && s.GetString() == "EventGrid")));
    }

    [Fact]
    public void Apart_from_the_blob_trigger_both_builds_declare_the_same_functions()
    {
        var publishedNames = FunctionsMetadataTests.Load(published.Output).Keys.Where(n => n != "IngestDocumentFromEventGrid");
        var builtNames = FunctionsMetadataTests.Load().Keys.Where(n => n != "IngestDocument");
        Assert.Equal(builtNames.Order(StringComparer.Ordinal), publishedNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_blob_trigger_source_fails_the_build_with_its_name()
    {
        var (exitCode, output) = PublishedFunctionApp.Dotnet("msbuild", FunctionsMetadataTests.BuildSetting("FunctionAppProject"),
            "-t:CheckBlobTriggerSource", "-p:BlobTriggerSource=Polled", "-nologo");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("BlobTriggerSource must be Polling or EventGrid, not 'Polled'", output, StringComparison.Ordinal);
    }
}

/// <summary><c>dotnet publish</c> of the function app into a temporary folder (its own artifacts path, so the build the other tests read is untouched).</summary>
public sealed class PublishedFunctionApp : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "newsfn-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public PublishedFunctionApp()
    {
        Output = Path.Combine(_root, "publish");
        var (exitCode, output) = Dotnet("publish", FunctionsMetadataTests.BuildSetting("FunctionAppProject"), "-c", "Release",
            "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Output, "-nologo", "-v", "quiet");
        if (exitCode != 0)
            throw new InvalidOperationException("dotnet publish of the function app failed:\n" + output);
    }

    public string Output { get; }

    public static (int ExitCode, string Output) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
