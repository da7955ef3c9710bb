using NewsFunctions.Parsing.Decoding;
using NewsFunctions.Parsing.Html;
using NewsFunctions.Parsing.Json;
using NewsFunctions.Parsing.Text;

namespace NewsFunctions.Parsing;

/// <summary>Options that bound the parser's work. Defaults suit news pages.</summary>
public sealed record DocumentParserOptions
{
    /// <summary>Documents larger than this are refused with <see cref="ParseFailureReason.TooLarge"/>.</summary>
    public long MaxDocumentBytes { get; init; } = 8 * 1024 * 1024;
}

/// <summary>
/// Turns one uploaded document (a text dump or an HTML page, in any charset) into an article.
/// Every input overload funnels into <see cref="Parse(ReadOnlySpan{byte}, string?, CancellationToken)"/>
/// so that charset detection always sees the raw bytes. Thread-safe; never throws for bad input.
/// </summary>
public sealed class DocumentParser
{
    /// <summary>Stored with every article; bump it whenever parsing output can change, so old articles can be found and re-parsed.</summary>
    public const string Version = "3.0.0";

    private readonly DocumentParserOptions _options;

    public DocumentParser(DocumentParserOptions? options = null) => _options = options ?? new DocumentParserOptions();

    public DocumentParserOptions Options => _options;

    public async Task<ParseResult> ParseAsync(Stream content, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = await BoundedReader.ReadAsync(content, _options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return bytes is null
            ? ParseResult.Fail(ParseFailureReason.TooLarge, $"The document is larger than the limit of {_options.MaxDocumentBytes} bytes.")
            : Parse(bytes, fileName, cancellationToken);
    }

    public ParseResult Parse(ReadOnlySpan<byte> content, string? fileName = null, CancellationToken cancellationToken = default)
    {
        if (content.Length > _options.MaxDocumentBytes)
            return ParseResult.Fail(ParseFailureReason.TooLarge, $"The document is {content.Length} bytes; the limit is {_options.MaxDocumentBytes}.");

        try
        {
            var decoded = TextDecoder.Decode(content);
            if (decoded.IsBinary)
                return ParseResult.Fail(ParseFailureReason.Binary, "The document is not text: it holds control bytes or undecodable data.");
            if (string.IsNullOrWhiteSpace(decoded.Text))
                return ParseResult.Fail(ParseFailureReason.Empty, "The document is empty or only whitespace.");
            cancellationToken.ThrowIfCancellationRequested();

            var format = FormatSniffer.Detect(decoded.Text);
            if (format == DocumentFormat.Json && JsonArticleParser.TryParse(decoded.Text, cancellationToken, out var fromJson))
                return fromJson;
            return format == DocumentFormat.Html
                ? HtmlArticleParser.Parse(decoded.Text, cancellationToken)
                : TextDumpParser.Parse(decoded.Text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last line of defence: the contract is "never throws for bad input"; a parser bug becomes a failure to investigate.
            return ParseResult.Fail(ParseFailureReason.Malformed, $"The document could not be parsed ({exception.GetType().Name}: {exception.Message}).");
        }
    }
}
