using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.LoadBench;

internal static class Bench
{
    public static async Task<int> IngestAsync(string connection, int count, int parallelism, bool keep, bool skipBare, CancellationToken ct)
    {
        var generator = Generator();
        Console.Error.WriteLine($"Generating {count} documents ({generator.ParagraphCount} paragraphs of material)...");
        var documents = generator.Generate(count).ToList();
        var bytes = documents.Sum(d => (long)d.Content.Length);

        IReadOnlyList<string> problems;
        TimeSpan ingestTime;
        var ingestRequests = "";
        await using (var host = new BenchHost(connection, BenchHost.NewPrefix()))
        {
            try
            {
                await host.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
                Console.Error.WriteLine($"Ingesting into prefix {host.Prefix} with parallelism {parallelism}...");
                var progress = new LoadProgress(count, "ingested");
                host.Requests.Reset();
                (var ids, ingestTime) = await LoadIngest.RunAsync(host.Service<IDocumentIngestion>(), host.Tables.DocumentsContainer.Name, documents, parallelism, progress.Report, ct).ConfigureAwait(false);
                ingestRequests = host.Requests.Report(count);

                Console.Error.WriteLine("Verifying...");
                problems = await LoadVerifier.VerifyAsync(host.Tables, host.Service<IArticleStore>(), host.Service<FacetCounters>(), documents, ids, ct).ConfigureAwait(false);
                foreach (var problem in problems)
                    Console.Error.WriteLine("PROBLEM: " + problem);
            }
            finally
            {
                // Before the bare writes: an in-memory Azurite holds every row, about 1.2 GB per 1,000 documents a copy.
                await CleanUpAsync(host, keep).ConfigureAwait(false);
            }
        }

        Console.WriteLine(FormattableString.Invariant($"Documents: {count} ({bytes / 1024.0 / 1024.0:0.0} MiB), parallelism {parallelism}"));
        Console.WriteLine($"Verification: {(problems.Count == 0 ? $"OK ({count} articles, {count} distinct ids when paging by 100, facet counts add up)" : $"{problems.Count} problem(s)")}");
        Console.WriteLine(FormattableString.Invariant($"ingest (IDocumentIngestion.IngestAsync): {ingestTime.TotalSeconds:0.0} s, {count / ingestTime.TotalSeconds:0.0} documents/s"));
        Console.WriteLine();
        Console.WriteLine(ingestRequests);
        if (!skipBare)
        {
            var bareTime = await BareAsync(connection, documents, parallelism, ct).ConfigureAwait(false);
            Console.WriteLine(FormattableString.Invariant($"Ratio ingest/bare: {ingestTime / bareTime:0.00}x (target: within 1.5x)"));
        }
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Ingest and bare writes of the same documents, interleaved round by round in two prefixes (ingest first in odd
    /// rounds, bare first in even ones), so that what else the machine is doing, and the size Azurite has grown to,
    /// weigh on both alike. Bare writes batch within a round only, and their counter rows hold the round's counts:
    /// the same number of entities, though not the same counts (only the ingest is verified). An untimed warm-up
    /// round of 50 more documents first, on both sides, so neither pays for JIT compilation or opening connections.
    /// </summary>
    public static async Task<int> RatioAsync(string connection, int count, int rounds, int parallelism, CancellationToken ct)
    {
        const int WarmUp = 50;
        if (count < 1 || rounds < 1 || rounds > count)
        {
            Console.Error.WriteLine("--count and --rounds must be at least 1, and --rounds at most --count.");
            return 2;
        }
        var all = Generator().Generate(WarmUp + count).ToList();
        var documents = all.Skip(WarmUp).ToList();
        var size = (count + rounds - 1) / rounds;
        await using var host = new BenchHost(connection, BenchHost.NewPrefix());
        await using var bare = new BenchHost(connection, BenchHost.NewPrefix(), countRequests: false);
        try
        {
            await host.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
            await bare.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
            var warmUp = all.Take(WarmUp).ToList();
            var (ids, _) = await LoadIngest.RunAsync(host.Service<IDocumentIngestion>(), host.Tables.DocumentsContainer.Name, warmUp, parallelism, null, ct).ConfigureAwait(false);
            await BareWrites.WriteAsync(BareWrites.Plan(bare.Tables, bare.Tables.DocumentsContainer.Name, warmUp), parallelism, null, ct).ConfigureAwait(false);
            var ingested = new List<string>(ids);
            var ingestTime = TimeSpan.Zero;
            var bareTime = TimeSpan.Zero;
            var ratios = new List<double>();
            Console.WriteLine("| round | documents | ingest s | bare s | ratio |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            host.Requests.Reset();
            for (var round = 0; round * size < count; round++)
            {
                var chunk = documents.Skip(round * size).Take(size).ToList();
                var batches = BareWrites.Plan(bare.Tables, bare.Tables.DocumentsContainer.Name, chunk);
                TimeSpan ingest = default, written = default;
                string[] chunkIds = [];
                async Task Ingest() => (chunkIds, ingest) = await LoadIngest.RunAsync(host.Service<IDocumentIngestion>(), host.Tables.DocumentsContainer.Name, chunk, parallelism, null, ct).ConfigureAwait(false);
                async Task Bare() => written = await BareWrites.WriteAsync(batches, parallelism, null, ct).ConfigureAwait(false);
                if (round % 2 == 0) { await Ingest().ConfigureAwait(false); await Bare().ConfigureAwait(false); }
                else { await Bare().ConfigureAwait(false); await Ingest().ConfigureAwait(false); }
                ingested.AddRange(chunkIds);
                ingestTime += ingest;
                bareTime += written;
                ratios.Add(ingest / written);
                Console.WriteLine(FormattableString.Invariant($"| {round + 1} | {chunk.Count} | {ingest.TotalSeconds:0.0} | {written.TotalSeconds:0.0} | {ingest / written:0.00}x |"));
            }

            var requests = host.Requests.Report(count);
            var problems = await LoadVerifier.VerifyAsync(host.Tables, host.Service<IArticleStore>(), host.Service<FacetCounters>(), all, ingested.ToArray(), ct).ConfigureAwait(false);
            foreach (var problem in problems)
                Console.Error.WriteLine("PROBLEM: " + problem);
            ratios.Sort();
            Console.WriteLine();
            Console.WriteLine($"Verification: {(problems.Count == 0 ? $"OK ({all.Count} articles with the warm-up, as many distinct ids when paging by 100, facet counts add up)" : $"{problems.Count} problem(s)")}");
            Console.WriteLine(FormattableString.Invariant($"ingest: {ingestTime.TotalSeconds:0.0} s ({count / ingestTime.TotalSeconds:0.0} documents/s); bare: {bareTime.TotalSeconds:0.0} s ({count / bareTime.TotalSeconds:0.0} documents/s)"));
            Console.WriteLine(FormattableString.Invariant($"Ratio ingest/bare: {ingestTime / bareTime:0.00}x overall, median round {ratios[ratios.Count / 2]:0.00}x, range {ratios[0]:0.00}-{ratios[^1]:0.00}x (target: within 1.5x)"));
            Console.WriteLine();
            Console.WriteLine("Storage requests of the timed ingest rounds:");
            Console.WriteLine(requests);
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            await CleanUpAsync(host, keep: false).ConfigureAwait(false);
            await CleanUpAsync(bare, keep: false).ConfigureAwait(false);
        }
    }

    /// <summary>The same entities an ingest of these documents writes, as batched upserts into a fresh prefix, with no parsing on the clock.</summary>
    public static async Task<int> BareAsync(string connection, int count, int parallelism, CancellationToken ct)
    {
        var documents = Generator().Generate(count).ToList();
        await BareAsync(connection, documents, parallelism, ct).ConfigureAwait(false);
        return 0;
    }

    private static async Task<TimeSpan> BareAsync(string connection, List<LoadDocument> documents, int parallelism, CancellationToken ct)
    {
        await using var bare = new BenchHost(connection, BenchHost.NewPrefix(), countRequests: false);
        try
        {
            Console.Error.WriteLine($"Computing the same entities for bare writes into prefix {bare.Prefix}...");
            var batches = BareWrites.Plan(bare.Tables, bare.Tables.DocumentsContainer.Name, documents);
            var entities = batches.Sum(b => (long)b.Entities.Count);
            await bare.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
            var progress = new LoadProgress(batches.Count, "batches written");
            var bareTime = await BareWrites.WriteAsync(batches, parallelism, progress.Report, ct).ConfigureAwait(false);

            var perTable = batches.GroupBy(b => b.Table.Name[bare.Prefix.Length..].TrimEnd("0123456789".ToCharArray())).ToDictionary(g => g.Key, g => g.Sum(b => b.Entities.Count));
            Console.WriteLine(FormattableString.Invariant($"Entities: {entities:N0} ({string.Join(", ", perTable.OrderBy(p => p.Key).Select(p => FormattableString.Invariant($"{p.Key} {p.Value:N0}")))}); bare batches: {batches.Count:N0}"));
            Console.WriteLine(FormattableString.Invariant($"bare batched upserts, same entities: {bareTime.TotalSeconds:0.0} s, {documents.Count / bareTime.TotalSeconds:0.0} documents/s, {entities / bareTime.TotalSeconds:0} entity writes/s"));
            return bareTime;
        }
        finally
        {
            await CleanUpAsync(bare, keep: false).ConfigureAwait(false);
        }
    }

    public static async Task<int> ApiAsync(string connection, int articles, double seconds, int? requests, int workers, int parallelism, string? prefix, bool keep, int? cacheMegabytes, string? only, CancellationToken ct)
    {
        var settings = cacheMegabytes is { } megabytes ? new Dictionary<string, string?> { ["Api:MemoryCacheMegabytes"] = megabytes.ToString(CultureInfo.InvariantCulture) } : null;
        await using var host = new BenchHost(connection, prefix ?? BenchHost.NewPrefix(), settings: settings);
        try
        {
            await host.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
            var existing = await CountArticlesAsync(host.Tables.Articles, ct).ConfigureAwait(false);
            if (existing < articles)
            {
                var documents = Generator().Generate(articles).Skip(existing).ToList();
                Console.Error.WriteLine($"Prefix {host.Prefix} has {existing} articles; ingesting {documents.Count} more...");
                var progress = new LoadProgress(documents.Count, "ingested");
                await LoadIngest.RunAsync(host.Service<IDocumentIngestion>(), host.Tables.DocumentsContainer.Name, documents, parallelism, progress.Report, ct).ConfigureAwait(false);
            }

            var store = host.Service<IArticleStore>();
            var ids = new List<string>();
            ArticleCursor? cursor = null;
            do
            {
                var page = await store.ListAsync(new ArticleQuery { Limit = 100, Cursor = cursor }, ct).ConfigureAwait(false);
                ids.AddRange(page.Items.Select(i => i.Id));
                cursor = page.Next;
            } while (cursor is not null);
            var (common, rare) = await ApiBench.PickWordsAsync(store).ConfigureAwait(false);
            Console.Error.WriteLine($"{ids.Count} articles in prefix {host.Prefix}; {workers} workers, {seconds} s per endpoint{(requests is { } r ? $" or {r} requests" : "")}.");

            var results = new List<ApiBench.Result>();
            foreach (var endpoint in ApiBench.Endpoints(host, ids, common, rare).Where(e => only is null || only.Split(',').Any(o => e.Name.Contains(o, StringComparison.Ordinal))))
            {
                Console.Error.WriteLine($"  {endpoint.Name}...");
                results.Add(await ApiBench.RunAsync(endpoint, workers, TimeSpan.FromSeconds(seconds), requests, host.Requests).ConfigureAwait(false));
            }

            var table = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Articles: {ids.Count}; {workers} closed-loop workers; {seconds} s per endpoint; in-process (function + IActionResult execution + JSON), storage over HTTP on 127.0.0.1; Api:MemoryCacheMegabytes {(cacheMegabytes is { } mb ? mb.ToString(CultureInfo.InvariantCulture) : "not set")} (code without the memory cache ignores it)")
                .AppendLine()
                .AppendLine("| endpoint | requests | requests/s | p50 (ms) | p99 (ms) | non-200 | storage requests per request | storage errors |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var result in results)
                table.AppendLine(CultureInfo.InvariantCulture, $"| {result.Name} | {result.Requests} | {result.PerSecond:0.0} | {result.P50Ms:0.0} | {result.P99Ms:0.0} | {result.Errors} | {result.StoragePerRequest:0.00} | {result.StorageErrors} |");
            Console.WriteLine(table.ToString());
            return results.All(r => r.Errors == 0) ? 0 : 1;
        }
        finally
        {
            await CleanUpAsync(host, keep || prefix is not null).ConfigureAwait(false);
        }
    }

    public static int Generate(int count, DirectoryInfo directory)
    {
        var parser = new NewsFunctions.Parsing.DocumentParser();
        var failures = 0;
        foreach (var document in Generator().Generate(count))
        {
            var parsed = parser.Parse(document.Content, document.Name);
            if (!parsed.Succeeded)
            {
                failures++;
                Console.Error.WriteLine($"{document.Name} does not parse: {parsed.Failure.Reason}: {parsed.Failure.Detail}");
            }
            var path = Path.Combine(directory.FullName, document.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, document.Content);
        }
        Console.WriteLine($"Wrote {count} documents under {directory.FullName}; {failures} do not parse.");
        return failures == 0 ? 0 : 1;
    }

    public static async Task<int> PurgeAsync(string connection, CancellationToken ct)
    {
        var clients = StorageClients.FromConnectionString(connection);
        var pattern = new System.Text.RegularExpressions.Regex("^lb[0-9a-f]{10}");
        var tables = 0;
        await foreach (var table in clients.Tables.QueryAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            if (!pattern.IsMatch(table.Name)) continue;
            await clients.Tables.DeleteTableAsync(table.Name, ct).ConfigureAwait(false);
            tables++;
        }
        var containers = 0;
        await foreach (var container in clients.Blobs.GetBlobContainersAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            var name = container.Name;
            var prefix = name.StartsWith("docs-", StringComparison.Ordinal) ? name[5..] : name.StartsWith("bodies-", StringComparison.Ordinal) ? name[7..] : "";
            if (!pattern.IsMatch(prefix)) continue;
            await clients.Blobs.DeleteBlobContainerAsync(name, cancellationToken: ct).ConfigureAwait(false);
            containers++;
        }
        Console.WriteLine($"Deleted {tables} table(s) and {containers} container(s) of earlier load runs.");
        return 0;
    }

    internal static LoadDocuments Generator()
    {
        string root;
        try
        {
            root = LoadDocuments.FindRepoRoot(AppContext.BaseDirectory);
        }
        catch (InvalidOperationException)
        {
            root = LoadDocuments.FindRepoRoot(Environment.CurrentDirectory);
        }
        if (LoadDocuments.FindCorpus(root) is null)
            Console.Error.WriteLine("No shared/corpus/text found beside the repository: bodies come from the seed only.");
        return LoadDocuments.FromRepository(root);
    }

    private static async Task<int> CountArticlesAsync(TableClient articles, CancellationToken ct)
    {
        var n = 0;
        await foreach (var _ in articles.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000, cancellationToken: ct).ConfigureAwait(false))
            n++;
        return n;
    }

    internal static async Task CleanUpAsync(BenchHost host, bool keep)
    {
        if (keep)
        {
            Console.Error.WriteLine($"Kept tables with prefix {host.Prefix} (reuse with: api --prefix {host.Prefix}).");
            return;
        }
        try
        {
            await host.Tables.DeleteAllAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
