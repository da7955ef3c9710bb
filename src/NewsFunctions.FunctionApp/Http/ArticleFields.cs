using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsFunctions.Content.Articles;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>The <c>fields</c> parameter: which list-item properties to return (fields=id,title,publishedAt).</summary>
internal static class ArticleFields
{
    public static readonly IReadOnlyList<string> Names = ["id", "slug", "title", "publishedAt", "source", "categories", "siteName", "summary"];

    public static bool TryParse(string? value, out IReadOnlySet<string>? fields, [NotNullWhen(false)] out string? error)
    {
        fields = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        var requested = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = requested.Where(f => !Names.Contains(f)).ToArray();
        if (unknown.Length > 0 || requested.Count == 0)
        {
            error = $"fields may name only {string.Join(", ", Names)}; unknown: {string.Join(", ", unknown)}.";
            return false;
        }
        fields = requested;
        return true;
    }

    /// <summary>The items with only the chosen properties, in the API's own JSON naming.</summary>
    public static IReadOnlyList<object> Project(IReadOnlyList<ArticleSummary> items, IReadOnlySet<string>? fields, JsonSerializerOptions json)
    {
        if (fields is null) return items;
        return items.Select(item =>
        {
            var node = JsonSerializer.SerializeToNode(item, json)!.AsObject();
            foreach (var name in node.Select(p => p.Key).Where(k => !fields.Contains(k)).ToArray())
                node.Remove(name);
            return (object)node;
        }).ToArray();
    }
}
