using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsFunctions.Parsing;

namespace NewsFunctions.Benchmarks;

/// <summary>
/// Short articles on real templates: every corpus page of one fold with a body truth, its article cut down to its first
/// k paragraphs of prose (k = 1, 2, 3), the menus, side columns, comments and footers left as they are. Paragraphs are the
/// elements (HTML) or lines (dumps) whose text is part of the truth; the truth becomes the paragraphs kept. Prints the
/// body F1 (character bigrams, as score.py counts them) per variant and k, and how many pages fall below 0.4: the
/// "sidebar or list chosen over a short article" failure, measured on pages of the fold a change was not tuned on.
/// Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- shortened A|B [--verbose]
/// (NEWSFN_SHORTENED_OUT=folder keeps the cut documents.)
/// </summary>
public static class ShortArticles
{
    public static void Run(string fold, bool verbose)
    {
        var corpus = Corpus.Directory;
        var parser = new DocumentParser();
        // Set to a folder to keep the cut documents for a look at why one went wrong.
        var save = Environment.GetEnvironmentVariable("NEWSFN_SHORTENED_OUT");
        if (save is not null) System.IO.Directory.CreateDirectory(save);
        var pages = File.ReadLines(Path.Combine(corpus, "manifest.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (var variant in new[] { "html", "text" })
        {
            foreach (var k in new[] { 1, 2, 3 })
            {
                var scores = new List<double>();
                var failures = 0;
                foreach (var page in pages)
                {
                    var id = page.GetProperty("id").GetString()!;
                    if (FoldOf(id) != fold || !page.GetProperty("truth").TryGetProperty("body", out var body)) continue;
                    var truth = Normalize(body.GetString()!);
                    var bytes = File.ReadAllBytes(Path.Combine(corpus, variant, id + (variant == "html" ? ".html" : ".txt")));
                    var (document, kept) = variant == "html" ? CutHtml(bytes, truth, k) : CutText(bytes, truth, k);
                    if (document is null) continue;
                    if (save is not null) File.WriteAllBytes(Path.Combine(save, $"{id}.k{k}.{(variant == "html" ? "html" : "txt")}"), document);
                    var result = parser.Parse(document, id);
                    var f1 = result.Succeeded ? F1(result.Article.Body, kept) : 0;
                    if (!result.Succeeded) failures++;
                    scores.Add(f1);
                    if (verbose) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variant} k={k} {id} F1={f1:F2}"));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{variant} k={k} fold {fold}: pages={scores.Count} bodyF1={scores.Average():F3} below0.4={scores.Count(s => s < 0.4)} failures={failures}"));
            }
        }
    }

    /// <summary>score.py's fold: A when the first hex digit of sha1(id) is even (a split, not security).</summary>
#pragma warning disable CA5350
    private static string FoldOf(string id) =>
        Convert.ToInt32(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(id)))[..1], 16) % 2 == 0 ? "A" : "B";
#pragma warning restore CA5350

    /// <summary>score.py's normalisation: NFKC, then no whitespace, punctuation, symbols, separators or controls.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSeparator(c) || char.IsControl(c)) continue;
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) continue;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static Dictionary<string, int> Bigrams(string normalized)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (normalized.Length == 1) counts[normalized] = 1;
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            var bigram = normalized.Substring(i, 2);
            counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
        }
        return counts;
    }

    private static double F1(string predicted, string truth)
    {
        var p = Bigrams(Normalize(predicted));
        var t = Bigrams(truth);
        if (p.Count == 0 || t.Count == 0) return 0;
        var overlap = p.Sum(pair => Math.Min(pair.Value, t.GetValueOrDefault(pair.Key)));
        if (overlap == 0) return 0;
        double precision = (double)overlap / p.Values.Sum(), recall = (double)overlap / t.Values.Sum();
        return 2 * precision * recall / (precision + recall);
    }

    private static readonly HashSet<string> LeafTags = new(StringComparer.Ordinal) { "p", "div", "td", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "center" };

    /// <summary>The page with all but its first k article paragraphs removed, re-serialised as UTF-8; null when it has no more than k.</summary>
    private static (byte[]? Document, string Kept) CutHtml(byte[] bytes, string truth, int k)
    {
        var text = NewsFunctions.Parsing.Decoding.TextDecoder.Decode(bytes).Text;
        using var document = new HtmlParser().ParseDocument(text);
        var paragraphs = new List<IElement>();
        foreach (var element in document.Body?.QuerySelectorAll("*") ?? Enumerable.Empty<IElement>())
        {
            // Innermost block elements only, so a paragraph is not counted again with its container.
            if (!LeafTags.Contains(element.LocalName) || element.QuerySelector("p,div,td,li,table,ul,ol,blockquote") is not null) continue;
            var normalized = Normalize(element.TextContent);
            if (normalized.Length >= 12 && truth.Contains(normalized, StringComparison.Ordinal)) paragraphs.Add(element);
        }
        var cut = KeptCount(paragraphs.Select(e => e.TextContent).ToList(), k);
        if (cut < 0) return (null, string.Empty);
        var kept = string.Concat(paragraphs.Take(cut).Select(e => Normalize(e.TextContent)));
        foreach (var element in paragraphs.Skip(cut)) element.Remove();
        return (Encoding.UTF8.GetBytes("<!DOCTYPE html>" + document.DocumentElement.OuterHtml), kept);
    }

    /// <summary>
    /// How many of the article's paragraphs to keep so that k of them are prose (20 letters and a comma or full stop;
    /// a dateline or a subheading before them stays too), or -1 when the article has no more than that.
    /// </summary>
    private static int KeptCount(List<string> paragraphs, int k)
    {
        var prose = 0;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var text = paragraphs[i];
            if (Normalize(text).Length >= 20 && text.AsSpan().IndexOfAny("，。,.") >= 0 && ++prose == k)
                return i + 1 < paragraphs.Count ? i + 1 : -1;
        }
        return -1;
    }

    private static (byte[]? Document, string Kept) CutText(byte[] bytes, string truth, int k)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        var article = Enumerable.Range(0, lines.Count).Where(i => Normalize(lines[i]) is { Length: >= 12 } n && truth.Contains(n, StringComparison.Ordinal)).ToList();
        var cut = KeptCount(article.Select(i => lines[i]).ToList(), k);
        if (cut < 0) return (null, string.Empty);
        var kept = string.Concat(article.Take(cut).Select(i => Normalize(lines[i])));
        foreach (var i in Enumerable.Reverse(article.Skip(cut).ToList())) lines.RemoveAt(i);
        return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), kept);
    }
}
