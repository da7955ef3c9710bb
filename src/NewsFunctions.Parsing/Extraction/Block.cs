namespace NewsFunctions.Parsing.Extraction;

/// <summary>A hyperlink inside a block: its text and target (HTML only).</summary>
internal readonly record struct BlockLink(string Text, string Href);

/// <summary>
/// One visual line of a page: a paragraph, heading, table cell or list item of an HTML page, or one line
/// of a text dump. Both formats are reduced to blocks so body, title, date and byline finding is shared.
/// </summary>
internal sealed class Block
{
    /// <summary>Pages are read up to this many blocks (a long article has a few hundred); the rest is ignored, which bounds memory.</summary>
    public const int MaxBlocksPerPage = 200_000;

    public Block(string text, int linkChars = 0)
    {
        Text = text;
        LinkChars = linkChars;
        TextStats.Count(text, out var letters, out var punctuation);
        Letters = letters;
        Punctuation = punctuation;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) VisibleChars++;
            if (c is '“' or '”' or '‘' or '’' or '"') Quotes++;
        }
    }

    /// <summary>Quotation marks among <see cref="Punctuation"/>: names and titles carry them, so alone they make no sentence.</summary>
    public int Quotes { get; }

    /// <summary>Punctuation that ends or joins clauses (，。！？；、 and their ASCII forms), quotation marks left out.</summary>
    public int ClausePunctuation => Punctuation - Quotes;

    public string Text { get; }

    /// <summary>Characters of the text that sit inside links (HTML) or bracketed placeholders (text dumps).</summary>
    public int LinkChars { get; }

    /// <summary>Letters and digits: what a reader reads.</summary>
    public int Letters { get; }

    /// <summary>Sentence punctuation (，。！？；、 and their ASCII forms): body text has it, menus do not.</summary>
    public int Punctuation { get; }

    /// <summary>1-6 for h1-h6, else 0.</summary>
    public int HeadingLevel { get; init; }

    /// <summary>The element (or an ancestor close by) is named like a headline: class/id containing "title".</summary>
    public bool TitleHint { get; init; }

    /// <summary>Inside an element whose class or id names furniture (related, comment, side…): prose there counts half.</summary>
    public bool FurnitureHint { get; init; }

    /// <summary>A text dump's list line ("1. Heading", "• item") guessed to be a link: furniture outside a body, a subheading inside one.</summary>
    public bool GuessedLink { get; init; }

    /// <summary>A text dump's lone "[picture]" line: where an image was.</summary>
    public bool IsPlaceholder { get; init; }

    /// <summary>An image caption (figcaption): kept with its image, not repeated as a body paragraph.</summary>
    public bool IsCaption { get; init; }

    /// <summary>
    /// A text dump's line split where w3m laid table cells or side columns next to each other (wide gaps, │ rules);
    /// empty when the line is one cell. Lets a headline be told apart from the column printed beside it.
    /// </summary>
    public IReadOnlyList<string> Cells { get; init; } = [];

    public IReadOnlyList<BlockLink> Links { get; init; } = [];
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    /// <summary>Characters other than whitespace.</summary>
    public int VisibleChars { get; }

    /// <summary>Share of the text inside links, 0..1.</summary>
    public double LinkDensity => VisibleChars == 0 ? 0 : Math.Min(1.0, (double)LinkChars / VisibleChars);

    public override string ToString() => Text;
}
