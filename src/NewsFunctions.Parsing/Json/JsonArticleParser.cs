using System.Text.Json;
using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Json;

/// <summary>
/// JSON documents that already carry the fields (exports from other systems): {"title", "body" or "content",
/// "publishedAt"/"date", "author", "source", "categories", "url"}. Field names are matched case-insensitively.
/// </summary>
internal static class JsonArticleParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>True when the text is a JSON object (checked by parsing, so a dump starting with "{" stays text).</summary>
    public static bool TryParse(string text, CancellationToken cancellationToken, out ParseResult result)
    {
        result = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON (or text JSON cannot transcode, such as lone surrogates from a UTF-16 upload): read it as text.
            return false;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
            cancellationToken.ThrowIfCancellationRequested();
            result = Build(document.RootElement);
            return true;
        }
    }

    private static ParseResult Build(JsonElement root)
    {
        var title = String(root, "title", "headline");
        var paragraphs = Paragraphs(root);
        if (string.IsNullOrWhiteSpace(title))
            return ParseResult.Fail(ParseFailureReason.NoTitle, "The JSON document has no \"title\".", DocumentFormat.Json);
        if (paragraphs.Count == 0)
            return ParseResult.Fail(ParseFailureReason.NoBody, "The JSON document has no \"body\" or \"content\".", DocumentFormat.Json);

        DateTimeOffset? published = null;
        var hasTime = false;
        if (DateParser.TryParseMachine(String(root, "publishedAt", "published_at", "datePublished", "date", "time"), out var value, out var withTime))
            (published, hasTime) = (value, withTime);

        var article = new ParsedArticle
        {
            Title = title.Trim(),
            PublishedAt = published,
            HasPublishedTime = hasTime,
            Author = String(root, "author", "byline"),
            Editor = String(root, "editor"),
            Source = String(root, "source"),
            Categories = Strings(root, "categories", "category"),
            Paragraphs = paragraphs,
            CanonicalUrl = String(root, "canonicalUrl", "url"),
            SiteName = String(root, "siteName", "site"),
            Language = String(root, "language", "lang") ?? "zh",
        };
        return ParseResult.Success(article, DocumentFormat.Json);
    }

    private static List<string> Paragraphs(JsonElement root)
    {
        var body = Property(root, "body", "content", "text", "paragraphs");
        var lines = body?.ValueKind switch
        {
            JsonValueKind.String => body.Value.GetString()!.Split('\n'),
            JsonValueKind.Array => body.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => [],
        };
        return lines.Select(l => TextStats.CollapseWhitespace(l)).Where(l => l.Length > 0).ToList();
    }

    private static JsonElement? Property(JsonElement root, params string[] names)
    {
        foreach (var property in root.EnumerateObject())
            if (names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase)))
                return property.Value;
        return null;
    }

    private static string? String(JsonElement root, params string[] names)
    {
        var value = Property(root, names);
        return value is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString()) ? s.GetString()!.Trim() : null;
    }

    private static string[] Strings(JsonElement root, params string[] names)
    {
        var value = Property(root, names);
        return value?.ValueKind switch
        {
            JsonValueKind.Array => value.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0).ToArray(),
            JsonValueKind.String => value.Value.GetString()!.Split(['>', '/', '»'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
    }
}
