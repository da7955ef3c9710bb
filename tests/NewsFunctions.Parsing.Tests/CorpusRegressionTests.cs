namespace NewsFunctions.Parsing.Tests;

/// <summary>
/// Every page of the shared development corpus (../shared/corpus beside the repository, present in CI) parses
/// without an exception or a failure. Field quality is measured by ../shared/eval/score.py, not asserted here.
/// </summary>
public sealed class CorpusRegressionTests
{
    private static string CorpusDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "manifest.jsonl"))) return candidate;
        }
        throw new DirectoryNotFoundException("The shared corpus (../shared/corpus beside the repository) was not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Variants() => new() { "html", "text" };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_corpus_page_parses(string variant)
    {
        var parser = new DocumentParser();
        var files = Directory.GetFiles(Path.Combine(CorpusDirectory(), variant));
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
