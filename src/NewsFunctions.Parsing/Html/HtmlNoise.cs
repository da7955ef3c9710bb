using AngleSharp.Dom;

namespace NewsFunctions.Parsing.Html;

/// <summary>Which elements carry no article text at all (skipped) and which are page furniture by their HTML5 role.</summary>
internal static class HtmlNoise
{
    /// <summary>Elements whose content is never shown or never prose: scripts, forms, embedded media.</summary>
    internal static readonly HashSet<string> SkippedTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "svg", "math", "canvas", "select", "option",
        "button", "input", "textarea", "object", "embed", "audio", "video", "map", "head", "link", "meta", "dialog",
    };

    /// <summary>HTML5 furniture (nav, footer, aside): its text counts as link text, so it never wins the body.</summary>
    internal static readonly HashSet<string> FurnitureTags = new(StringComparer.Ordinal) { "nav", "footer", "aside", "menu" };

    /// <summary>
    /// hidden, display:none or aria-hidden="true". One pass over the attributes (pages give an element a few) rather
    /// than a by-name lookup for each of the three on every element.
    /// </summary>
    public static bool IsHidden(IElement element)
    {
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            var attribute = attributes[i];
            if (attribute is null) continue;
            switch (attribute.Name)
            {
                case "hidden":
                    return true;
                case "style" when IsHiddenStyle(attribute.Value):
                    return true;
                case "aria-hidden" when string.Equals(attribute.Value, "true", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }

    private static readonly HashSet<string> FurnitureNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "comment", "comments", "related", "relate", "recommend", "sidebar", "side", "footer", "foot", "nav", "navbar", "menu", "share",
        "hot", "rank", "ranking", "ad", "ads", "advert", "breadcrumb", "crumb", "copyright", "pagination", "pager", "toolbar", "widget", "stream", "feed",
    };

    /// <summary>
    /// class/id names that sites give their furniture ("related-news", "hot_list", "side"): a hint, not a verdict,
    /// since an article container can carry such a word too.
    /// </summary>
    public static bool HasFurnitureName(IElement element) => HasFurnitureToken(element.GetAttribute("class")) || HasFurnitureToken(element.GetAttribute("id"));

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FurnitureNameLookup = FurnitureNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words split at space, hyphen, underscore and tab; compared as spans, since splitting into strings cost an array and a string per word on every block element.</summary>
    private static bool HasFurnitureToken(string? names)
    {
        if (string.IsNullOrEmpty(names)) return false;
        var span = names.AsSpan();
        foreach (var range in span.SplitAny(" -_\t"))
        {
            var token = span[range];
            if (!token.IsEmpty && FurnitureNameLookup.Contains(token)) return true;
        }
        return false;
    }

    /// <summary>display:none, with any spacing; visibility:hidden is left alone (WeChat-style pages hide the article until a script reveals it).</summary>
    private static bool IsHiddenStyle(string style)
    {
        var at = style.IndexOf("display", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var rest = style.AsSpan(at + "display".Length).TrimStart();
            if (rest.StartsWith(":") && rest[1..].TrimStart().StartsWith("none", StringComparison.OrdinalIgnoreCase)) return true;
            at = style.IndexOf("display", at + 1, StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }
}
