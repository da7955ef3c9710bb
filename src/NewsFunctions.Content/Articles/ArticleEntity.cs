using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// Maps an <see cref="Article"/> to its one entity in the <c>articles</c> table (PartitionKey = id, RowKey = "article"),
/// so a detail is one point read. A body longer than one string property (32K UTF-16 characters) is split over
/// <c>Body0</c>, <c>Body1</c>, ... and joined on read.
/// </summary>
internal static class ArticleEntity
{
    public const string RowKey = "article";

    /// <summary>64 KiB per string property, two bytes a character.</summary>
    public const int BodyChunkChars = 32 * 1024;

    /// <summary>An entity may be 1 MiB; keep the body well under it so the other properties always fit.</summary>
    public const int MaxBodyChars = 14 * BodyChunkChars;

    /// <summary>What all string properties together may hold (two bytes a character), leaving room for names and numbers.</summary>
    public const int MaxEntityChars = 480_000;

    /// <summary>The characters of everything but the body and the index state, to decide whether the body fits.</summary>
    public static int MetadataChars(Article article) =>
        article.Title.Length + article.Summary.Length + (article.Source?.Length ?? 0) + (article.Author?.Length ?? 0) + (article.Editor?.Length ?? 0)
        + (article.CanonicalUrl?.Length ?? 0) + (article.SiteName?.Length ?? 0) + article.Categories.Sum(c => c.Length + 3)
        + article.Images.Sum(i => i.Url.Length + (i.Caption?.Length ?? 0) + 20) + (article.Previous?.Title.Length ?? 0) + (article.Previous?.Url?.Length ?? 0)
        + (article.Next?.Title.Length ?? 0) + (article.Next?.Url?.Length ?? 0) + 1_000;

    /// <summary>Names the blob that holds the body when it is longer than <see cref="MaxBodyChars"/>.</summary>
    public const string BodyBlobProperty = "BodyBlob";

    public static string BodyOf(Article article) => string.Join('\n', article.Paragraphs);

    /// <param name="bodyBlob">The blob the body was written to, when it is too long for the entity; else null.</param>
    public static TableEntity ToEntity(Article article, IndexState index, string? bodyBlob = null)
    {
        var body = bodyBlob is null ? BodyOf(article) : "";
        if (body.Length > MaxBodyChars)
            throw new ArgumentException($"The body has {body.Length} characters; at most {MaxBodyChars} fit in one entity: write it to a blob.", nameof(article));

        var entity = new TableEntity(article.Id, RowKey)
        {
            ["Title"] = article.Title,
            ["PublishedAt"] = StorageJson.FormatTime(article.PublishedAt),
            ["HasPublishedTime"] = article.HasPublishedTime,
            ["Source"] = article.Source,
            ["Author"] = article.Author,
            ["Editor"] = article.Editor,
            ["Categories"] = Json(article.Categories),
            ["Images"] = Json(article.Images),
            // The page's link only: which stored article it names is looked up on read, so it is never stale.
            ["Previous"] = article.Previous is null ? null : Json(article.Previous.ToLink()),
            ["Next"] = article.Next is null ? null : Json(article.Next.ToLink()),
            ["CanonicalUrl"] = article.CanonicalUrl,
            ["SiteName"] = article.SiteName,
            ["Language"] = article.Language,
            ["Summary"] = article.Summary,
            ["CharacterCount"] = article.CharacterCount,
            ["SourceContainer"] = article.Provenance.Container,
            ["SourceBlob"] = article.Provenance.BlobName,
            ["SourceETag"] = article.Provenance.ETag,
            ["ContentHash"] = article.Provenance.ContentHash,
            ["ParserVersion"] = article.Provenance.ParserVersion,
            ["IngestedAt"] = article.Provenance.IngestedAt,
        };
        index.WriteTo(entity);
        entity[BodyBlobProperty] = bodyBlob;
        var chunks = 0;
        for (var start = 0; start < body.Length; chunks++)
        {
            var length = Math.Min(BodyChunkChars, body.Length - start);
            // Never split a surrogate pair between two properties: each half alone would be stored as U+FFFD.
            if (start + length < body.Length && char.IsHighSurrogate(body[start + length - 1]))
                length--;
            entity[BodyProperty(chunks)] = body.Substring(start, length);
            start += length;
        }
        entity["BodyChunks"] = chunks;
        return entity;
    }

    public static Article FromEntity(TableEntity entity)
    {
        var chunks = entity.GetInt32("BodyChunks") ?? 0;
        var body = new StringBuilder();
        for (var i = 0; i < chunks; i++)
            body.Append(entity.GetString(BodyProperty(i)));

        return new Article
        {
            Id = entity.PartitionKey,
            Title = entity.GetString("Title") ?? "",
            PublishedAt = StorageJson.ParseTime(entity.GetString("PublishedAt")),
            HasPublishedTime = entity.GetBoolean("HasPublishedTime") ?? false,
            Source = entity.GetString("Source"),
            Author = entity.GetString("Author"),
            Editor = entity.GetString("Editor"),
            Categories = FromJson<string[]>(entity.GetString("Categories")) ?? [],
            Paragraphs = body.Length == 0 ? [] : body.ToString().Split('\n'),
            Images = FromJson<ArticleImage[]>(entity.GetString("Images")) ?? [],
            Previous = ArticleNeighbour.From(FromJson<ArticleLink>(entity.GetString("Previous"))),
            Next = ArticleNeighbour.From(FromJson<ArticleLink>(entity.GetString("Next"))),
            CanonicalUrl = entity.GetString("CanonicalUrl"),
            SiteName = entity.GetString("SiteName"),
            Language = entity.GetString("Language") ?? "zh",
            Summary = entity.GetString("Summary") ?? "",
            CharacterCount = entity.GetInt32("CharacterCount") ?? 0,
            Provenance = new ArticleProvenance(
                entity.GetString("SourceContainer") ?? "",
                entity.GetString("SourceBlob") ?? "",
                entity.GetString("SourceETag"),
                entity.GetString("ContentHash") ?? "",
                entity.GetString("ParserVersion") ?? "",
                entity.GetDateTimeOffset("IngestedAt") ?? default),
        };
    }

    private static string BodyProperty(int index) => "Body" + index.ToString(CultureInfo.InvariantCulture);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StorageJson.Options);

    private static T? FromJson<T>(string? json) where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, StorageJson.Options);
}
