using AngleSharp.Html.Parser;
using NewsFunctions.Parsing.Extraction;
using NewsFunctions.Parsing.Text;

namespace NewsFunctions.Parsing.Html;

/// <summary>HTML pages: parse with AngleSharp, read the head, cut the body into blocks, then the shared extraction.</summary>
internal static class HtmlArticleParser
{
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        IsNotConsumingCharacterReferences = false,
    };

    /// <summary>
    /// One parser per thread: a new HtmlParser builds a browsing context, its configuration and factories every time
    /// (about a tenth of our parse on the corpus). Per thread rather than shared, since AngleSharp does not promise
    /// that one parser may parse on several threads at once.
    /// </summary>
    [ThreadStatic]
    private static HtmlParser? t_parser;

    /// <summary>Deeper than this, the page is read as text: tree building slows down with depth for every tag. Real pages nest a few dozen deep.</summary>
    internal const int MaxNestingDepth = 2_000;

    public static ParseResult Parse(string html, CancellationToken cancellationToken)
    {
        if (MarkupScanner.MaxDepth(html) > MaxNestingDepth)
            return TextDumpParser.Parse(MarkupScanner.ToText(html), cancellationToken, DocumentFormat.Html);
        cancellationToken.ThrowIfCancellationRequested();

        var parser = t_parser ??= new HtmlParser(ParserOptions);
        using var document = parser.ParseDocument(html);
        cancellationToken.ThrowIfCancellationRequested();

        var (hints, baseUri) = HtmlMetadata.Read(document, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var root = document.Body ?? document.DocumentElement;
        if (root is null)
            return ParseResult.Fail(ParseFailureReason.NoBody, "The HTML document has no body.", DocumentFormat.Html);
        var blocks = HtmlBlockBuilder.Build(root, baseUri, skipHidden: true, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var result = ArticleBuilder.Build(blocks, hints, DocumentFormat.Html, cancellationToken);
        if (result.Succeeded || result.Failure.Reason != ParseFailureReason.NoBody)
            return result;
        // Some pages keep the article hidden until a script shows it: try again with hidden elements included.
        blocks = HtmlBlockBuilder.Build(root, baseUri, skipHidden: false, cancellationToken);
        return ArticleBuilder.Build(blocks, hints, DocumentFormat.Html, cancellationToken);
    }
}
