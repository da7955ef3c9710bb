using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;

namespace NewsFunctions.LoadBench;

/// <summary>
/// The sweep's cost on a container of N documents of which U were never recorded. The container is filled with every
/// document (uploaded), and the ledger with a row for each of the N - U recorded ones, written directly in batches with
/// the ETag and hash ingestion would have recorded: the sweep reads only those columns of the ledger, so its cost is
/// what it would be after N - U real ingests, without spending an hour on them. The U are ingested by the sweep itself,
/// through the real ingestion, and verified. A second, dry-run pass then measures examination alone.
/// </summary>
internal static class SyncBench
{
    /// <summary>Folders whose names reorder when escaped ('/' becomes "%2F", which sorts before '-' and '.'), so ledger ranges straddle pages.</summary>
    private static readonly string[] Folders = ["site", "site-archive", "site.old", "site/2024"];

    public static async Task<int> RunAsync(string connection, int count, int unrecorded, int parallelism, bool keep, CancellationToken ct)
    {
        if (count < 1 || unrecorded < 0 || unrecorded > count)
        {
            Console.Error.WriteLine("--count must be at least 1 and --unrecorded between 0 and --count.");
            return 2;
        }
        var generator = Bench.Generator();
        Console.Error.WriteLine($"Generating {count} documents...");
        var documents = generator.Generate(count)
            .Select(d => d with { Name = $"{Folders[d.Index % Folders.Length]}/{d.Index:D6}.txt" })
            .ToList();
        // A spread of U documents the ledger never saw: i * 7919 mod N is a permutation of 0..N-1 (7919 is prime).
        var missing = documents.Where(d => d.Index * 7919L % count < unrecorded).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (missing.Count != unrecorded) throw new InvalidOperationException($"picked {missing.Count} unrecorded documents, not {unrecorded} (choose N not divisible by 7919)");

        await using var host = new BenchHost(connection, BenchHost.NewPrefix());
        try
        {
            await host.Tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
            var container = host.Tables.DocumentsContainer;
            var watch = Stopwatch.StartNew();
            Console.Error.WriteLine($"Uploading {count} documents into {container.Name}...");
            var etags = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var uploaded = 0;
            var uploadProgress = new LoadProgress(count, "uploaded");
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (d, token) =>
            {
                var response = await container.GetBlobClient(d.Name).UploadAsync(new BinaryData(d.Content), overwrite: true, token).ConfigureAwait(false);
                etags[d.Name] = response.Value.ETag.ToString();
                uploadProgress.Report(Interlocked.Increment(ref uploaded));
            }).ConfigureAwait(false);

            Console.Error.WriteLine($"Writing {count - unrecorded} ledger rows...");
            var partition = TableKeys.Escape(container.Name);
            var rows = documents.Where(d => !missing.Contains(d.Name)).Select(d => new DocumentRecord
            {
                PartitionKey = partition,
                RowKey = TableKeys.Escape(d.Name),
                BlobName = d.Name,
                Status = nameof(DocumentStatus.Stored),
                BlobETag = etags[d.Name],
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(d.Content)),
                Size = d.Content.Length,
                ParserVersion = DocumentParser.Version,
                ProcessedAt = DateTimeOffset.UtcNow,
            }).Chunk(100).ToList();
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (batch, token) =>
                await host.Tables.Documents.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token).ConfigureAwait(false)).ConfigureAwait(false);
            Console.Error.WriteLine(FormattableString.Invariant($"Container and ledger ready in {watch.Elapsed.TotalSeconds:0.0} s."));

            var sync = host.Service<DocumentSync>();
            host.Requests.Reset();
            var progress = new SweepProgress();
            watch.Restart();
            var summary = await sync.RunAsync(SyncOptions.Default with { Parallelism = parallelism }, null, progress, ct).ConfigureAwait(false);
            var sweepTime = watch.Elapsed;
            progress.End();
            var sweepRequests = host.Requests.Report(count);

            Console.Error.WriteLine("Verifying...");
            var problems = await VerifyAsync(host, documents, missing, summary, ct).ConfigureAwait(false);

            host.Requests.Reset();
            watch.Restart();
            var again = await sync.RunAsync(SyncOptions.Default with { DryRun = true }, null, null, ct).ConfigureAwait(false);
            var examineTime = watch.Elapsed;
            var examineRequests = host.Requests.Report(count);
            if (again.AlreadyCurrent != count) problems.Add($"a second pass found {again.AlreadyCurrent} of {count} current ({again.WouldIngest} still to ingest)");

            foreach (var problem in problems)
                Console.Error.WriteLine("PROBLEM: " + problem);
            Console.WriteLine(FormattableString.Invariant($"Container: {count} documents in {Folders.Length} folders, {unrecorded} unrecorded; sweep parallelism {parallelism}"));
            Console.WriteLine($"Verification: {(problems.Count == 0 ? $"OK (the {unrecorded} unrecorded documents each have one article and a ledger row for their ETag; {count - unrecorded} left alone; a second pass finds all {count} current)" : $"{problems.Count} problem(s)")}");
            Console.WriteLine(FormattableString.Invariant(
                $"sweep: {sweepTime.TotalSeconds:0.0} s; examined {summary.Examined}, already current {summary.AlreadyCurrent}, stored {summary.Stored}, unchanged {summary.Unchanged}, failed {summary.Failed}, errors {summary.Errors}; {summary.ListRequests} list + {summary.LedgerRequests} ledger requests"));
            Console.WriteLine(FormattableString.Invariant(
                $"examination only (second pass, dry run): {examineTime.TotalSeconds:0.0} s, {count / examineTime.TotalSeconds:0} blobs/s; {again.ListRequests} list + {again.LedgerRequests} ledger requests"));
            Console.WriteLine();
            Console.WriteLine("Storage requests of the sweep (per document = per blob in the container):");
            Console.WriteLine(sweepRequests);
            Console.WriteLine("Storage requests of the second pass:");
            Console.WriteLine(examineRequests);
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            await Bench.CleanUpAsync(host, keep).ConfigureAwait(false);
        }
    }

    private static async Task<List<string>> VerifyAsync(BenchHost host, List<LoadDocument> documents, HashSet<string> missing, SyncSummary summary, CancellationToken ct)
    {
        var problems = new List<string>();
        var n = documents.Count;
        if (summary.Examined != n) problems.Add($"examined {summary.Examined}, expected {n}");
        if (summary.AlreadyCurrent != n - missing.Count) problems.Add($"{summary.AlreadyCurrent} already current, expected {n - missing.Count}");
        if (summary.Stored != missing.Count) problems.Add($"stored {summary.Stored}, expected {missing.Count}");
        if (summary.Errors + summary.Failed + summary.Gone + summary.Unchanged != 0) problems.Add($"errors {summary.Errors}, failed {summary.Failed}, gone {summary.Gone}, unchanged {summary.Unchanged}");

        var ledger = host.Service<DocumentLedger>();
        var store = host.Service<IArticleStore>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents.Where(d => missing.Contains(d.Name)))
        {
            var record = await ledger.FindAsync(host.Tables.DocumentsContainer.Name, document.Name, ct).ConfigureAwait(false);
            if (record is not { StatusValue: DocumentStatus.Stored, ArticleId: { } id }) { problems.Add($"{document.Name}: not recorded as stored"); continue; }
            var article = await store.FindAsync(id, ct).ConfigureAwait(false);
            if (article is null) problems.Add($"{document.Name}: article {id} missing");
            else if (article.Provenance.BlobName != document.Name) problems.Add($"{document.Name}: article {id} names {article.Provenance.BlobName}");
            if (!ids.Add(id)) problems.Add($"{document.Name}: article {id} shared");
        }
        var stored = 0;
        await foreach (var _ in host.Tables.Articles.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000, cancellationToken: ct).ConfigureAwait(false))
            stored++;
        if (stored != missing.Count) problems.Add($"the articles table has {stored} articles, expected {missing.Count}");
        var sources = await host.Service<FacetCounters>().GetAsync(FacetKind.Source, ct).ConfigureAwait(false);
        if (sources.Sum(s => s.Count) != missing.Count) problems.Add($"source counts add up to {sources.Sum(s => s.Count)}, expected {missing.Count}");
        return problems;
    }

    /// <summary>The sweep's running totals on standard error, at most four times a second.</summary>
    private sealed class SweepProgress : IProgress<SyncSummary>
    {
        private long _last;

        private bool Shown { get; set; }

        public void Report(SyncSummary value)
        {
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _last);
            if (now - last < 250 || Interlocked.CompareExchange(ref _last, now, last) != last) return;
            Shown = true;
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{value.Examined} examined, {value.Stored} stored, {value.AlreadyCurrent} already current   "));
        }

        public void End() { if (Shown) Console.Error.WriteLine(); }
    }
}
