using System.Diagnostics;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.LoadBench;
using Xunit.Abstractions;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// Azurite stopped in the middle of an ingest run and started again, with on-disk persistence: once retries have
/// run, every document is there, none twice, none half-written. The test runs its own Azurite (ports 10100-10102,
/// a temporary --location) so it can kill it without touching anyone else's.
/// </summary>
[Trait("Category", "Faults")]
public sealed class AzuriteRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BlobPort = 10100;
    private const int QueuePort = 10101;
    private const int TablePort = 10102;
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string ConnectionString =
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1";

    private readonly string _location = Path.Combine(Path.GetTempPath(), "newsfn-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _repoRoot = LoadDocuments.FindRepoRoot(AppContext.BaseDirectory);
    private Process? _azurite;
    private ContentTestHost? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        await StartAzuriteAsync();
        _host = new ContentTestHost(services => services.AddSingleton(
            StorageClients.FromConnectionString(ConnectionString, Quick(new TableClientOptions()), Quick(new BlobClientOptions()))));
        await _host.InitializeAsync();
        // Azurite saves to disk every five seconds: let it save the tables just created, so the kill takes documents, not tables.
        await Task.Delay(TimeSpan.FromSeconds(5.5));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_host is not null && _azurite is { HasExited: false })
                await _host.DisposeAsync();
            else
                _host?.Host.Dispose(); // Azurite is gone with its temp dir: nothing to delete
        }
        finally
        {
            StopAzurite();
            try { Directory.Delete(_location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The storage clients' retries, shorter: a dead emulator fails a request in about a second, and the loop below retries the document.</summary>
    private static T Quick<T>(T options) where T : ClientOptions
    {
        StorageClients.WithRetries(options);
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    private static byte[] Numbered(int i) =>
        Documents.Article($"重启测试第{i}篇", new DateOnly(2022, 1, 1).AddDays(i * 3), category: LoadDocuments.Categories[i % 5], source: LoadDocuments.Sources[i % 4]);

    [Fact]
    public async Task Killed_and_restarted_mid_run_nothing_is_lost_nothing_twice_nothing_half_written()
    {
        const int Count = 60;
        const int KillAfter = 20;
        var host = _host!;
        var ingestion = host.Service<IDocumentIngestion>();
        var container = host.Documents.Name;
        var stored = 0;
        var retries = 0;
        var restarts = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.StartNew();

        // In the background: once enough documents are in, kill Azurite, wait, start it again.
        var chaos = Task.Run(async () =>
        {
            await killNow.Task;
            StopAzurite();
            killed.TrySetResult();
            output.WriteLine($"killed Azurite after {Volatile.Read(ref stored)} documents at {started.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await StartAzuriteAsync();
            Interlocked.Increment(ref restarts);
            output.WriteLine($"restarted Azurite at {started.Elapsed.TotalSeconds:0.0} s");
        });

        // The host's loop: each document until it is stored, retried on any exception, five tries like the blob trigger (then poison).
        for (var i = 0; i < Count; i++)
        {
            var result = await LoadIngest.IngestWithRetriesAsync(ingestion, new DocumentRef(container, $"restart/{i:D3}.txt"), Numbered(i), CancellationToken.None,
                maxTries: 5, delay: TimeSpan.FromSeconds(1), onRetry: e => Interlocked.Increment(ref retries));
            Assert.NotEqual(IngestionStatus.Failed, result.Status);
            if (Interlocked.Increment(ref stored) == KillAfter)
            {
                killNow.TrySetResult();
                await killed.Task; // the next document meets a dead emulator, however fast this machine is
            }
        }
        await chaos;

        // Azurite saves to disk every five seconds; a kill loses what was acknowledged since the last save. Whatever
        // it kept is a moment of the run: no list row may lead to a missing article even before anything is redone.
        var store = host.Service<IArticleStore>();
        foreach (var item in (await store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items)
            Assert.NotNull(await store.FindAsync(item.Id, CancellationToken.None));

        // The host's next pass over the container (it finds the blobs whose receipts the kill lost too): each document
        // once more. Ingestion is idempotent: what was kept is Unchanged, what was lost or cut off is completed.
        var redone = 0;
        var ids = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var result = await LoadIngest.IngestWithRetriesAsync(ingestion, new DocumentRef(container, $"restart/{i:D3}.txt"), Numbered(i), CancellationToken.None);
            if (result.Status == IngestionStatus.Stored) redone++;
            ids[i] = result.ArticleId!;
        }
        output.WriteLine($"{Count} documents, {restarts} restart(s), {retries} document retries during the run, {redone} document(s) redone by the second pass " +
            $"(lost with Azurite's unsaved tail), {started.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1, restarts);
        Assert.True(retries > 0, "the kill was expected to fail at least one try");

        var documents = Enumerable.Range(0, Count).Select(i => new LoadDocument(i, $"restart/{i:D3}.txt", Numbered(i), $"重启测试第{i}篇",
            [LoadDocuments.Categories[i % 5], "文字新闻"], LoadDocuments.Sources[i % 4])).ToList();
        var problems = await LoadVerifier.VerifyAsync(host.Service<ContentTables>(), store, host.Service<FacetCounters>(), documents, ids, CancellationToken.None);
        Assert.Empty(problems);

        // Not half-written: every article's detail loads, and each of its categories lists it.
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var article = await store.FindAsync(id, CancellationToken.None);
            Assert.NotNull(article);
            Assert.Equal($"重启测试第{i}篇", article.Title);
            foreach (var category in documents[i].Categories)
            {
                var listed = await ListAllAsync(store, new ArticleQuery { Limit = 100, Category = category });
                Assert.Contains(id, listed);
            }
        }
    }

    private static async Task<List<string>> ListAllAsync(IArticleStore store, ArticleQuery query)
    {
        var ids = new List<string>();
        ArticleCursor? cursor = null;
        do
        {
            var page = await store.ListAsync(query with { Cursor = cursor }, CancellationToken.None);
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
        } while (cursor is not null);
        return ids;
    }

    private async Task StartAzuriteAsync()
    {
        var script = Path.Combine(_repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}: run `npm ci` in {_repoRoot}.");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _location,
        };
        foreach (var argument in new[]
                 {
                     script,
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}",
                     "--location", _location, "--disableTelemetry", "--skipApiVersionCheck", "--silent",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _azurite = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode} (ports {BlobPort}-{TablePort} taken?)");
            if (await ListeningAsync(TablePort) && await ListeningAsync(BlobPort))
                return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("Azurite did not start listening within 30 s.");
    }

    private void StopAzurite()
    {
        var process = _azurite;
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        _azurite = null;
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
