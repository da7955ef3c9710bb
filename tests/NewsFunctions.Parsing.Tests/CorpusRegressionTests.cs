namespace NewsFunctions.Parsing.Tests;

/// <summary>
/// Every page of the shared development corpus (../shared/corpus beside the repository, present in CI) parses
/// without an exception or a failure. Field quality is measured by ../shared/eval/score.py, not asserted here.
/// A clone without the corpus beside it reports these tests as skipped, saying what they need.
/// </summary>
public sealed class CorpusRegressionTests
{
    public static TheoryData<string> Variants() => new() { "html", "text" };

    [CorpusTheory]
    [MemberData(nameof(Variants))]
    public void Every_corpus_page_parses(string variant)
    {
        var parser = new DocumentParser();
        var files = Directory.GetFiles(Path.Combine(Corpus.Directory!, variant));
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var result = parser.Parse(File.ReadAllBytes(file), Path.GetFileName(file));
            if (!result.Succeeded) failures.Add($"{Path.GetFileName(file)}: {result.Failure}");
            else if (string.IsNullOrWhiteSpace(result.Article.Title) || result.Article.Paragraphs.Count == 0) failures.Add($"{Path.GetFileName(file)}: empty article");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}

/// <summary>The development corpus, found by walking up from the test output to a folder with <c>shared/corpus</c> in it.</summary>
internal static class Corpus
{
    /// <summary>The corpus folder, or null when no ancestor of the test output has one.</summary>
    public static readonly string? Directory = Find();

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "manifest.jsonl"))) return candidate;
        }
        return null;
    }
}

/// <summary>
/// A theory that needs the corpus: where it is absent, xunit reports it skipped with the reason instead of failing
/// (xunit 2 reads Skip at discovery, so setting it in the constructor is a dynamic skip).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Corpus.Directory is null)
            Skip = "Needs the development corpus at ../shared/corpus beside the repository (manifest.jsonl, html/, text/), as CI lays it out; "
                + "none was found above " + AppContext.BaseDirectory;
    }
}
