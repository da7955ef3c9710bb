namespace NewsFunctions.Benchmarks;

/// <summary>The shared development corpus, loaded once into memory so the benchmarks measure parsing, not disk.</summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The corpus folder (manifest.jsonl, html/, text/).</summary>
    public static string Directory => Root.Value;

    public static IReadOnlyList<byte[]> Load(string variant) =>
        System.IO.Directory.GetFiles(Path.Combine(Root.Value, variant)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    public static long TotalBytes(string variant) =>
        System.IO.Directory.GetFiles(Path.Combine(Root.Value, variant)).Sum(f => new FileInfo(f).Length);

    /// <summary>shared/corpus beside (above) the repository; BenchmarkDotNet runs from a generated folder, so walk up from both places.</summary>
    private static string Find()
    {
        var overridden = Environment.GetEnvironmentVariable("NEWSFN_CORPUS");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "corpus");
                if (File.Exists(Path.Combine(candidate, "manifest.jsonl"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/corpus not found; set NEWSFN_CORPUS.");
    }
}
