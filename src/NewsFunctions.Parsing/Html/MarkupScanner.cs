using System.Net;
using System.Text;

namespace NewsFunctions.Parsing.Html;

/// <summary>
/// A character-level pass over HTML markup (no DOM, no regular expressions) for the cases a DOM cannot take:
/// estimating how deep elements nest, and turning markup into plain lines when it nests too deep.
/// HTML tree building costs time in proportion to depth for every tag, so 100,000 nested elements would take minutes.
/// </summary>
internal static class MarkupScanner
{
    /// <summary>Elements that never hold children, or that the HTML parser closes by itself when a sibling opens.</summary>
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "td", "th", "tr", "option", "dt", "dd", "tbody", "thead", "tfoot", "!doctype",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "textarea", "title", "noscript", "template" };

    private static readonly HashSet<string> LineBreaking = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr",
    };

    // Span lookups: tag names are looked up where they lie in the page instead of being copied into a string per tag.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNestingLookup = NotNesting.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextLookup = RawText.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LineBreakingLookup = LineBreaking.GetAlternateLookup<ReadOnlySpan<char>>();

    private delegate void TagHandler(ReadOnlySpan<char> name, bool isEnd, bool selfClosing);

    private delegate void TextHandler(ReadOnlySpan<char> text);

    /// <summary>The deepest nesting of elements the markup asks for (approximate: end tags close the last open element).</summary>
    public static int MaxDepth(string html)
    {
        var depth = 0;
        var max = 0;
        Scan(html, (name, isEnd, selfClosing) =>
        {
            if (selfClosing || NotNestingLookup.Contains(name)) return;
            depth = isEnd ? Math.Max(0, depth - 1) : depth + 1;
            max = Math.Max(max, depth);
        }, null);
        return max;
    }

    /// <summary>The text of the markup, one line per block-level element, entities decoded, scripts and styles dropped.</summary>
    public static string ToText(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        Scan(html, (name, _, _) =>
        {
            if (LineBreakingLookup.Contains(name)) text.Append('\n');
        }, span => text.Append(WebUtility.HtmlDecode(span.ToString())));
        return text.ToString();
    }

    /// <summary>Longest name in <see cref="RawText"/> plus "&lt;/": the end-tag pattern fits on the stack.</summary>
    private const int MaxRawTextEndTag = 16;

    private static void Scan(string html, TagHandler onTag, TextHandler? onText)
    {
        var i = 0;
        var textStart = 0;
        Span<char> endTag = stackalloc char[MaxRawTextEndTag];
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0 || open + 1 >= html.Length) break;
            var next = html[open + 1];
            if (next != '!' && next != '/' && !char.IsAsciiLetter(next))
            {
                i = open + 1;
                continue;
            }
            onText?.Invoke(html.AsSpan(textStart, open - textStart));
            int end;
            if (html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal))
            {
                end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                end = end < 0 ? html.Length : end + 3;
            }
            else
            {
                end = html.IndexOf('>', open + 1);
                end = end < 0 ? html.Length : end + 1;
                var isEnd = next == '/';
                var nameStart = isEnd ? open + 2 : open + 1;
                var nameEnd = nameStart;
                while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '!' or '-')) nameEnd++;
                var name = html.AsSpan(nameStart, nameEnd - nameStart);
                var selfClosing = end >= 2 && html[end - 2] == '/';
                onTag(name, isEnd, selfClosing);
                if (!isEnd && !selfClosing && RawTextLookup.Contains(name))
                {
                    // Skip the raw text to the matching end tag, so "<" inside scripts is not markup.
                    "</".CopyTo(endTag);
                    name.CopyTo(endTag[2..]);
                    var at = html.AsSpan(end).IndexOf(endTag[..(name.Length + 2)], StringComparison.OrdinalIgnoreCase);
                    var close = at < 0 ? -1 : end + at;
                    if (onText is not null && name.Equals("title", StringComparison.OrdinalIgnoreCase) && close > end) onText(html.AsSpan(end, close - end));
                    end = close < 0 ? html.Length : close;
                }
            }
            i = end;
            textStart = end;
        }
        if (textStart < html.Length) onText?.Invoke(html.AsSpan(textStart));
    }
}
