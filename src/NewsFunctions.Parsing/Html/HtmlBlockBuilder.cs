using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Html;

/// <summary>
/// Walks the DOM in reading order (iteratively: pages nest 10,000 deep) and cuts the text into blocks at
/// block-level elements and &lt;br&gt;, counting link text per block, the way a browser lays out lines.
/// </summary>
internal sealed class HtmlBlockBuilder
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "td", "th", "tr", "table", "tbody", "thead", "tfoot", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "center", "form", "fieldset", "figure", "figcaption",
        "address", "main", "hr", "caption", "body", "html", "details", "summary", "hgroup", "legend", "menu", "marquee",
    };

    /// <summary>What each tag is to the walk (skipped, furniture, block), found with one lookup per element instead of three.</summary>
    private static readonly FrozenDictionary<string, ElementFlags> TagKinds = HtmlNoise.SkippedTags.Select(t => (t, ElementFlags.Skipped))
        .Concat(HtmlNoise.FurnitureTags.Select(t => (t, ElementFlags.Furniture)))
        .Concat(BlockTags.Select(t => (t, ElementFlags.Block)))
        .GroupBy(p => p.t, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Aggregate(ElementFlags.None, (all, p) => all | p.Item2), StringComparer.Ordinal);

    /// <summary>Lazy-loading pages keep the real URL in a data attribute and a placeholder in src.</summary>
    private static readonly string[] ImageSourceAttributes = ["data-original", "data-src", "data-lazy-src", "src"];

    private readonly List<Block> _blocks = [];
    private readonly StringBuilder _text = new();
    /// <summary>Reused for collapsing whitespace, so a block costs one string rather than a builder and a string.</summary>
    private readonly StringBuilder _collapsed = new();
    private readonly List<BlockLink> _links = [];
    private readonly List<IElement> _blockStack = [];
    private readonly Uri? _baseUri;
    private int _linkChars;
    private int _linkDepth;
    private int _furnitureDepth;
    private int _preDepth;
    private int _namedFurnitureDepth;

    private readonly bool _skipHidden;

    private HtmlBlockBuilder(Uri? baseUri, bool skipHidden) => (_baseUri, _skipHidden) = (baseUri, skipHidden);

    /// <param name="skipHidden">Leave out display:none and hidden elements (off for the retry on pages whose scripts reveal the article).</param>
    public static List<Block> Build(IElement root, Uri? baseUri, bool skipHidden, CancellationToken cancellationToken)
    {
        var builder = new HtmlBlockBuilder(baseUri, skipHidden);
        builder.Walk(root, cancellationToken);
        builder.Flush();
        return builder._blocks;
    }

    /// <summary>A node to enter, or an element to leave; Flags carry what Enter found, so Leave need not look again.</summary>
    private readonly record struct Step(INode Node, bool Exit, int LinkStart, ElementFlags Flags = ElementFlags.None);

    [Flags]
    private enum ElementFlags : byte
    {
        None = 0,
        Furniture = 1,
        Block = 2,
        FurnitureName = 4,
        Skipped = 8,
    }

    private void Walk(IElement root, CancellationToken cancellationToken)
    {
        var stack = new Stack<Step>(256);
        stack.Push(new Step(root, false, 0));
        var visited = 0;
        while (stack.Count > 0 && _blocks.Count < Block.MaxBlocksPerPage)
        {
            if ((++visited & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            var step = stack.Pop();
            if (step.Node is not IElement element)
            {
                if (step.Node is IText text) AppendText(text.Data);
                continue;
            }
            if (step.Exit)
            {
                Leave(element, step.LinkStart, step.Flags);
                continue;
            }
            TagKinds.TryGetValue(element.LocalName, out var kind);
            if ((kind & ElementFlags.Skipped) != 0 || (_skipHidden && HtmlNoise.IsHidden(element))) continue;
            var linkStart = Enter(element, kind, out var flags);
            if (linkStart < -1) continue;
            stack.Push(new Step(element, true, linkStart, flags));
            // Indexed access: AngleSharp finds a node's PreviousSibling by searching its parent's list,
            // which made pages with 100,000 siblings quadratic.
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                var child = children[c];
                if (child is IElement or IText) stack.Push(new Step(child, false, 0));
            }
        }
    }

    /// <summary>Opens an element; returns where its link text starts, or -2 when the element was fully handled (br, img).</summary>
    private int Enter(IElement element, ElementFlags kind, out ElementFlags flags)
    {
        flags = ElementFlags.None;
        var tag = element.LocalName;
        switch (tag)
        {
            case "br":
                Flush();
                return -2;
            case "img":
                AddImage(element);
                return -2;
            case "a":
                _linkDepth++;
                return _text.Length;
            case "pre":
                _preDepth++;
                break;
        }
        if ((kind & ElementFlags.Furniture) != 0)
        {
            _furnitureDepth++;
            flags |= ElementFlags.Furniture;
        }
        if ((kind & ElementFlags.Block) != 0)
        {
            Flush();
            _blockStack.Add(element);
            flags |= ElementFlags.Block;
            if (HtmlNoise.HasFurnitureName(element))
            {
                _namedFurnitureDepth++;
                flags |= ElementFlags.FurnitureName;
            }
        }
        return -1;
    }

    private void Leave(IElement element, int linkStart, ElementFlags flags)
    {
        var tag = element.LocalName;
        if (tag == "a")
        {
            _linkDepth--;
            var href = element.GetAttribute("href");
            if (linkStart >= 0 && linkStart <= _text.Length && !string.IsNullOrWhiteSpace(href))
            {
                var text = Collapse(linkStart);
                if (text.Length > 0 && _links.Count < 64) _links.Add(new BlockLink(text, Resolve(href) ?? href));
            }
            return;
        }
        if (tag == "pre") _preDepth--;
        if ((flags & ElementFlags.Furniture) != 0) _furnitureDepth--;
        if ((flags & ElementFlags.Block) != 0)
        {
            Flush();
            if (_blockStack.Count > 0) _blockStack.RemoveAt(_blockStack.Count - 1);
            if ((flags & ElementFlags.FurnitureName) != 0) _namedFurnitureDepth--;
        }
    }

    private void AppendText(string data)
    {
        if (_preDepth > 0 && data.Contains('\n', StringComparison.Ordinal))
        {
            var lines = data.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) Flush();
                AppendText(lines[i]);
            }
            return;
        }
        _text.Append(data);
        if (_linkDepth > 0 || _furnitureDepth > 0)
        {
            foreach (var c in data)
                if (!char.IsWhiteSpace(c)) _linkChars++;
        }
    }

    private void Flush()
    {
        if (_text.Length == 0)
        {
            _links.Clear();
            return;
        }
        var text = Collapse(0);
        _text.Clear();
        if (text.Length > 0)
        {
            var owner = _blockStack.Count > 0 ? _blockStack[^1] : null;
            _blocks.Add(new Block(text, _linkChars)
            {
                HeadingLevel = HeadingLevel(owner),
                TitleHint = HasTitleName(owner) || HasTitleName(owner?.ParentElement),
                IsCaption = owner?.LocalName == "figcaption",
                FurnitureHint = _namedFurnitureDepth > 0,
                Links = _links.Count == 0 ? [] : _links.ToArray(),
            });
        }
        _links.Clear();
        _linkChars = 0;
    }

    /// <summary>
    /// TextStats.CollapseWhitespace over the text from <paramref name="start"/> on, read from the builder's chunks into a
    /// reused builder: one string per block or link instead of a substring, a builder and a string.
    /// </summary>
    private string Collapse(int start)
    {
        _collapsed.Clear();
        var pendingSpace = false;
        var offset = 0;
        foreach (var chunk in _text.GetChunks())
        {
            var span = chunk.Span;
            var from = Math.Clamp(start - offset, 0, span.Length);
            offset += span.Length;
            foreach (var c in span[from..])
            {
                if (TextStats.IsSpace(c))
                {
                    pendingSpace = _collapsed.Length > 0;
                    continue;
                }
                if (pendingSpace) _collapsed.Append(' ');
                pendingSpace = false;
                _collapsed.Append(c);
            }
        }
        return _collapsed.Length == 0 ? string.Empty : _collapsed.ToString();
    }

    private static int HeadingLevel(IElement? element) =>
        element?.LocalName is { Length: 2 } name && name[0] == 'h' && name[1] is >= '1' and <= '6' ? name[1] - '0' : 0;

    private static bool HasTitleName(IElement? element)
    {
        if (element is null) return false;
        return IsTitleName(element.GetAttribute("class")) || IsTitleName(element.GetAttribute("id"));

        static bool IsTitleName(string? name) =>
            name is not null && (name.Contains("title", StringComparison.OrdinalIgnoreCase) || name.Contains("headline", StringComparison.OrdinalIgnoreCase));
    }

    private void AddImage(IElement image)
    {
        string? source = null;
        foreach (var attribute in ImageSourceAttributes)
        {
            var value = image.GetAttribute(attribute);
            if (!string.IsNullOrWhiteSpace(value) && !value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                source = value;
                break;
            }
        }
        if (source is null || IsTiny(image)) return;
        var caption = FigureCaption(image) ?? NonEmpty(image.GetAttribute("alt")) ?? NonEmpty(image.GetAttribute("title"));
        Flush();
        _blocks.Add(new Block(string.Empty) { Images = [new ArticleImage(Resolve(source) ?? source.Trim(), caption)] });
    }

    /// <summary>Icons, spacers and tracking pixels declare small sizes.</summary>
    private static bool IsTiny(IElement image)
    {
        static int Size(string? value) => int.TryParse(value.AsSpan().Trim().TrimEnd("xp"), out var n) ? n : int.MaxValue;
        return Size(image.GetAttribute("width")) < 40 || Size(image.GetAttribute("height")) < 40;
    }

    /// <summary>The figcaption of the figure around the image (what Closest("figure") and QuerySelector("figcaption") found, without parsing selectors per image).</summary>
    private static string? FigureCaption(IElement image)
    {
        var figure = image.ParentElement;
        while (figure is not null && figure.LocalName != "figure") figure = figure.ParentElement;
        var caption = figure is null ? null : FirstDescendant(figure, "figcaption");
        return caption is null ? null : NonEmpty(TextStats.CollapseWhitespace(caption.TextContent));
    }

    /// <summary>The first element named <paramref name="localName"/> below <paramref name="root"/>, in document order.</summary>
    private static IElement? FirstDescendant(IElement root, string localName)
    {
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (!ReferenceEquals(element, root) && element.LocalName == localName) return element;
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                if (children[c] is IElement child) stack.Push(child);
            }
        }
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private string? Resolve(string href)
    {
        var trimmed = href.Trim();
        if (trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.ToString();
        if (_baseUri is not null && Uri.TryCreate(_baseUri, trimmed, out var resolved)) return resolved.ToString();
        return trimmed;
    }
}
