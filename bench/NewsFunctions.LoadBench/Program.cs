using System.CommandLine;
using System.Globalization;
using NewsFunctions.LoadBench;

var connection = new Option<string>("--connection")
{
    Description = "Storage connection string (default: Azurite, UseDevelopmentStorage=true).",
    DefaultValueFactory = _ => "UseDevelopmentStorage=true",
    Recursive = true,
};
var keep = new Option<bool>("--keep") { Description = "Keep the tables and containers afterwards (the prefix is printed).", Recursive = true };
var parallelism = new Option<int>("--parallelism") { Description = "Documents (or batches) in flight at once.", DefaultValueFactory = _ => 8, Recursive = true };

var count = new Option<int>("--count") { Description = "Documents to generate and ingest.", DefaultValueFactory = _ => 10_000 };
var skipBare = new Option<bool>("--skip-bare") { Description = "Do not follow with the bare writes (run `bare` on its own, e.g. after `api` on the kept prefix)." };
var ingest = new Command("ingest", "Ingest N generated documents through IDocumentIngestion, verify them, and compare with bare batched writes of the same entities.")
{
    count, skipBare,
};
ingest.SetAction((parse, ct) => Bench.IngestAsync(parse.GetValue(connection)!, parse.GetValue(count), parse.GetValue(parallelism), parse.GetValue(keep), parse.GetValue(skipBare), ct));

var bareCount = new Option<int>("--count") { Description = "Documents to generate.", DefaultValueFactory = _ => 10_000 };
var bare = new Command("bare", "Write the entities an ingest of N generated documents writes, as bare batched upserts (no parsing), into a fresh prefix, and time it.")
{
    bareCount,
};
bare.SetAction((parse, ct) => Bench.BareAsync(parse.GetValue(connection)!, parse.GetValue(bareCount), parse.GetValue(parallelism), ct));

var ratioCount = new Option<int>("--count") { Description = "Documents to generate.", DefaultValueFactory = _ => 600 };
var rounds = new Option<int>("--rounds") { Description = "Rounds to split them into, alternating ingest and bare writes.", DefaultValueFactory = _ => 6 };
var ratio = new Command("ratio", "Ingest and bare writes of the same documents interleaved round by round, so a busy machine weighs on both alike; verifies the ingest.")
{
    ratioCount, rounds,
};
ratio.SetAction((parse, ct) => Bench.RatioAsync(parse.GetValue(connection)!, parse.GetValue(ratioCount), parse.GetValue(rounds), parse.GetValue(parallelism), ct));

var articles = new Option<int>("--articles") { Description = "Articles the dataset should have (ingested first if the prefix has fewer).", DefaultValueFactory = _ => 10_000 };
var seconds = new Option<double>("--seconds") { Description = "Seconds per endpoint.", DefaultValueFactory = _ => 20 };
var requests = new Option<int?>("--requests") { Description = "Stop an endpoint after this many requests (whichever comes first with --seconds)." };
var workers = new Option<int>("--workers") { Description = "Concurrent closed-loop workers.", DefaultValueFactory = _ => 8 };
var prefix = new Option<string?>("--prefix") { Description = "Reuse the tables of a dataset kept with --keep (its table prefix)." };
var cacheMegabytes = new Option<int?>("--cache-megabytes") { Description = "Api:MemoryCacheMegabytes for the host (default: the app's, 64); 0 reads storage every time." };
var only = new Option<string?>("--only") { Description = "Run only the endpoints whose names contain one of these comma-separated texts (e.g. hot,every)." };
var api = new Command("api", "Benchmark list, detail, search, feed and categories in-process (JSON serialization included).")
{
    articles, seconds, requests, workers, prefix, cacheMegabytes, only,
};
api.SetAction((parse, ct) => Bench.ApiAsync(parse.GetValue(connection)!, parse.GetValue(articles), parse.GetValue(seconds), parse.GetValue(requests),
    parse.GetValue(workers), parse.GetValue(parallelism), parse.GetValue(prefix), parse.GetValue(keep), parse.GetValue(cacheMegabytes), parse.GetValue(only), ct));

var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write the documents to.", Required = true };
var generateCount = new Option<int>("--count") { Description = "Documents to generate.", DefaultValueFactory = _ => 100 };
var generate = new Command("generate", "Write the generated documents to a folder (to look at them, or to upload them for the blob trigger).") { generateCount, outDir };
generate.SetAction(parse => Bench.Generate(parse.GetValue(generateCount), parse.GetValue(outDir)!));

var syncCount = new Option<int>("--count") { Description = "Documents in the container.", DefaultValueFactory = _ => 10_000 };
var unrecorded = new Option<int>("--unrecorded") { Description = "How many of them the ledger has no row for (the sweep ingests those).", DefaultValueFactory = _ => 500 };
var sync = new Command("sync", "Fill a container with N documents, record all but U in the ledger, run the sweep (DocumentSync), verify, and report its storage requests by kind and its time (--parallelism: documents it ingests at once).")
{
    syncCount, unrecorded,
};
sync.SetAction((parse, ct) => SyncBench.RunAsync(parse.GetValue(connection)!, parse.GetValue(syncCount), parse.GetValue(unrecorded), parse.GetValue(parallelism), parse.GetValue(keep), ct));

var purge = new Command("purge", "Delete the tables and containers every earlier run of this tool left behind (prefix lb + 10 hex digits), e.g. after Ctrl+C.");
purge.SetAction((parse, ct) => Bench.PurgeAsync(parse.GetValue(connection)!, ct));

var root = new RootCommand("NewsFunctions load benchmark (in-process worker host over Azurite).") { connection, keep, parallelism, ingest, bare, ratio, api, sync, generate, purge };
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
