using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsFunctions.Content;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Cli.Commands;

/// <summary>upload, import, list, show and failures: the operator's view of storage, without the Functions host.</summary>
internal static class StorageCommands
{
    public static Command Upload()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "Folder of documents; every file in it (recursively) is uploaded." };
        var command = new Command("upload", "Upload documents to the documents container, where the blob trigger picks them up.") { directory };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = ContentServices.Build(parseResult);
            var tables = services.GetRequiredService<ContentTables>();
            await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var files = Files(parseResult.GetValue(directory)!);
            using var progress = new Progress(files.Count, "uploaded");
            foreach (var (file, name) in files)
            {
                await tables.DocumentsContainer.GetBlobClient(name).UploadAsync(file.FullName, overwrite: true, cancellationToken).ConfigureAwait(false);
                progress.Advance();
            }
            Console.WriteLine($"Uploaded {files.Count} document(s) to container '{tables.DocumentsContainer.Name}'.");
            return 0;
        });
        return command;
    }

    public static Command Import()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "Folder of documents to parse and store." };
        var command = new Command("import", "Upload documents and store their articles at once, without the Functions host (reindex can read them again later).") { directory };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = ContentServices.Build(parseResult);
            var ingestion = services.GetRequiredService<IDocumentIngestion>();
            var files = Files(parseResult.GetValue(directory)!);
            var counts = new Dictionary<IngestionStatus, int>();
            using (var progress = new Progress(files.Count, "imported"))
            {
                foreach (var (file, name) in files)
                {
                    await using var stream = file.OpenRead();
                    var result = await ingestion.ImportAsync(name, stream, cancellationToken).ConfigureAwait(false);
                    counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
                    if (result.Status == IngestionStatus.Failed)
                        Console.Error.WriteLine($"failed  {name}: {result.FailureReason}: {result.FailureDetail}");
                    progress.Advance();
                }
            }
            Console.WriteLine($"Imported {files.Count} document(s): {counts.GetValueOrDefault(IngestionStatus.Stored)} stored, " +
                $"{counts.GetValueOrDefault(IngestionStatus.Unchanged)} unchanged, {counts.GetValueOrDefault(IngestionStatus.Failed)} failed.");
            return 0;
        });
        return command;
    }

    public static Command List()
    {
        var limit = new Option<int>("--limit") { Description = "Articles per page (1-100).", DefaultValueFactory = _ => ArticleQuery.DefaultLimit };
        var category = new Option<string?>("--category") { Description = "Only articles with this category in their breadcrumb." };
        var source = new Option<string?>("--source") { Description = "Only articles from this source." };
        var cursor = new Option<string?>("--cursor") { Description = "The cursor printed after the previous page." };
        var command = new Command("list", "List stored articles, newest first.") { limit, category, source, cursor };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ArticleCursor? after = null;
            if (parseResult.GetValue(cursor) is { } cursorText && !ArticleCursor.TryParse(cursorText, out after))
            {
                Console.Error.WriteLine("--cursor is not a cursor this tool printed.");
                return 2;
            }
            await using var services = ContentServices.Build(parseResult);
            var page = await services.GetRequiredService<IArticleStore>().ListAsync(new ArticleQuery
            {
                Limit = Math.Clamp(parseResult.GetValue(limit), 1, ArticleQuery.MaxLimit),
                Category = parseResult.GetValue(category),
                Source = parseResult.GetValue(source),
                Cursor = after,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
                Console.WriteLine($"{item.Id}  {item.PublishedAt:yyyy-MM-dd HH:mm zzz}  {item.Title}  [{item.Source}]");
            Console.WriteLine(page.Items.Count == 0 ? "No articles." : page.Next is null ? $"{page.Items.Count} article(s)." : $"{page.Items.Count} article(s); next page: --cursor {page.Next}");
            return 0;
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The article id." };
        var command = new Command("show", "Print one article as JSON.") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = ContentServices.Build(parseResult);
            var article = await services.GetRequiredService<IArticleStore>().FindAsync(parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (article is null)
            {
                Console.Error.WriteLine($"No article has the id '{parseResult.GetValue(id)}'.");
                return 1;
            }
            Console.WriteLine(JsonSerializer.Serialize(article, CliJson.Indented));
            return 0;
        });
        return command;
    }

    public static Command Delete()
    {
        var id = new Argument<string>("id") { Description = "The article id." };
        var command = new Command("delete", "Delete an article: gone from lists, detail, search, feed and counts. Over HTTP: DELETE /api/manage/articles/{id} with a function key.") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = ContentServices.Build(parseResult);
            var store = services.GetRequiredService<IArticleStore>();
            var articleId = parseResult.GetValue(id)!;
            if (!await store.DeleteAsync(articleId, cancellationToken).ConfigureAwait(false))
            {
                Console.Error.WriteLine($"No article has the id '{articleId}'.");
                return 1;
            }
            Console.WriteLine($"Deleted {articleId}.");
            return 0;
        });
        return command;
    }

    public static Command Reindex()
    {
        var all = new Option<bool>("--all") { Description = "Re-parse every document, not only those an older parser version handled." };
        var command = new Command("reindex", "Re-parse stored documents with the current parser; article ids do not change. Safe to stop and run again.") { all };
        command.SetAction((parseResult, cancellationToken) =>
            RunReindexAsync(parseResult, parseResult.GetValue(all) ? ReindexScope.All : ReindexScope.Outdated, cancellationToken));
        return command;
    }

    public static Command Requeue()
    {
        var command = new Command("requeue", "Ingest the documents that failed once more (after a fix to the parser or to storage).");
        command.SetAction((parseResult, cancellationToken) => RunReindexAsync(parseResult, ReindexScope.Failed, cancellationToken));
        return command;
    }

    private static async Task<int> RunReindexAsync(ParseResult parseResult, ReindexScope scope, CancellationToken cancellationToken)
    {
        await using var services = ContentServices.Build(parseResult);
        var progress = new Progress<int>(n => { if (n % 100 == 0 && !Console.IsErrorRedirected) Console.Error.Write($"\r{n} examined"); });
        var summary = await services.GetRequiredService<Reindexer>().RunAsync(scope, progress, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Examined {summary.Examined}: {summary.Reparsed} re-parsed, {summary.Failed} failed, {summary.Skipped} already current, {summary.Missing} whose blob is gone.");
        return summary.Failed == 0 ? 0 : 1;
    }

    public static Command Sync()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be ingested; change nothing." };
        var parallelism = new Option<int>("--parallelism") { Description = "Documents ingested at once (1-64).", DefaultValueFactory = _ => SyncOptions.Default.Parallelism };
        var command = new Command("sync",
            "Ingest every document of the container that the ledger never recorded, or recorded for another version of the blob (the blob trigger missed it). " +
            "Safe to stop and run again, and to run beside the Functions host.") { dryRun, parallelism };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inFlight = parseResult.GetValue(parallelism);
            if (inFlight is < 1 or > 64)
            {
                Console.Error.WriteLine("--parallelism must be between 1 and 64.");
                return 2;
            }
            await using var services = ContentServices.Build(parseResult);
            var options = SyncOptions.Default with { DryRun = parseResult.GetValue(dryRun), Parallelism = inFlight };
            using var progress = new SyncProgress();
            var summary = await services.GetRequiredService<DocumentSync>().RunAsync(options, item => progress.WriteLine(Describe(item)), progress, cancellationToken).ConfigureAwait(false);
            progress.Dispose();
            Console.WriteLine(options.DryRun
                ? $"Examined {summary.Examined}: {summary.WouldIngest} would be ingested, {summary.AlreadyCurrent} already current (dry run: nothing changed)."
                : $"Examined {summary.Examined}: {summary.Ingested} ingested ({summary.Stored} stored, {summary.Unchanged} unchanged, {summary.Failed} failed), " +
                  $"{summary.AlreadyCurrent} already current, {summary.Errors} errors, {summary.Gone} gone.");
            Console.WriteLine($"Storage: {summary.ListRequests} list request(s), {summary.LedgerRequests} ledger request(s).");
            return summary.Failed == 0 && summary.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static string Describe(SyncItem item)
    {
        var reason = item.Reason == SyncReason.Unrecorded ? "not recorded" : "another ETag";
        return item.Outcome switch
        {
            SyncOutcome.WouldIngest => $"would ingest  {item.BlobName}  ({reason})",
            SyncOutcome.Stored => $"stored        {item.BlobName}  ({reason})  {item.ArticleId}",
            SyncOutcome.Unchanged => $"unchanged     {item.BlobName}  ({reason})  {item.ArticleId}",
            SyncOutcome.Failed => $"failed        {item.BlobName}  ({reason})  {item.Detail}",
            SyncOutcome.Error => $"error         {item.BlobName}  ({reason})  {item.Detail}",
            _ => $"gone          {item.BlobName}  ({reason})",
        };
    }

    public static Command Failures()
    {
        var command = new Command("failures", "List documents that could not be parsed, with their reasons.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = ContentServices.Build(parseResult);
            var count = 0;
            await foreach (var record in services.GetRequiredService<DocumentLedger>().GetFailuresAsync(cancellationToken).ConfigureAwait(false))
            {
                count++;
                Console.WriteLine($"{record.ProcessedAt:u}  {record.PartitionKey}/{record.BlobName}  {record.Reason}: {record.Detail}");
            }
            Console.WriteLine($"{count} failed document(s).");
            return 0;
        });
        return command;
    }

    /// <summary>Files under a folder with their blob names: the relative path with forward slashes.</summary>
    private static List<(FileInfo File, string Name)> Files(DirectoryInfo directory)
    {
        if (!directory.Exists)
            throw new DirectoryNotFoundException($"No such folder: {directory.FullName}");
        return directory.EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.StartsWith('.'))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => (f, Path.GetRelativePath(directory.FullName, f.FullName).Replace('\\', '/')))
            .ToList();
    }
}
