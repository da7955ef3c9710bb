using System.Diagnostics.CodeAnalysis;

namespace NewsFunctions.Parsing;

/// <summary>Why a document gave no article. Stable names: they are stored and shown to operators.</summary>
public enum ParseFailureReason
{
    Empty,
    TooLarge,
    Binary,
    NoTitle,
    NoBody,

    /// <summary>The parser met something it could not handle; the detail names it. Never expected; reported, not thrown.</summary>
    Malformed,
}

public sealed record ParseFailure(ParseFailureReason Reason, string Detail);

/// <summary>Either an article or a failure with its reason; the parser never throws for bad input.</summary>
public sealed class ParseResult
{
    private ParseResult(ParsedArticle? article, ParseFailure? failure, DocumentFormat format)
    {
        Article = article;
        Failure = failure;
        Format = format;
    }

    public ParsedArticle? Article { get; }
    public ParseFailure? Failure { get; }
    public DocumentFormat Format { get; }

    [MemberNotNullWhen(true, nameof(Article))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Article is not null;

    public static ParseResult Success(ParsedArticle article, DocumentFormat format) => new(article, null, format);

    public static ParseResult Fail(ParseFailureReason reason, string detail, DocumentFormat format = DocumentFormat.Unknown) =>
        new(null, new ParseFailure(reason, detail), format);
}

public enum DocumentFormat
{
    Unknown,
    Text,
    Html,
    Json,
}
