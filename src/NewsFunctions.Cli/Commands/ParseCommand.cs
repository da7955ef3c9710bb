using System.CommandLine;
using System.Text.Json;
using NewsFunctions.Parsing;

namespace NewsFunctions.Cli.Commands;

/// <summary><c>parse FILE...</c>: one JSON object a line, the shape ../shared/eval/score.py reads.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Documents to parse (text dumps or HTML).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("parse", "Parse documents and print one JSON object a line (no storage needed).") { files };
        command.SetAction(async (result, cancellationToken) =>
        {
            var parser = new DocumentParser();
            var output = Console.Out;
            var paths = result.GetValue(files) ?? [];
            using var progress = new Progress(paths.Length, "parsed");
            foreach (var file in paths)
            {
                var line = await ParseOneAsync(parser, file, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(JsonSerializer.Serialize(line, CliJson.Options)).ConfigureAwait(false);
                progress.Advance();
            }
            return 0;
        });
        return command;
    }

    private static async Task<ParsedLine> ParseOneAsync(DocumentParser parser, FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
            return ParsedLine.Failed(file.FullName, $"File not found: {file.FullName}");
        await using var stream = file.OpenRead();
        var parsed = await parser.ParseAsync(stream, file.Name, cancellationToken).ConfigureAwait(false);
        if (!parsed.Succeeded)
            return ParsedLine.Failed(file.FullName, $"{parsed.Failure.Reason}: {parsed.Failure.Detail}");
        var article = parsed.Article;
        return new ParsedLine(
            file.FullName,
            article.Title,
            article.PublishedAt?.ToString(article.HasPublishedTime ? "yyyy-MM-ddTHH:mm:sszzz" : "yyyy-MM-ddT00:00:00zzz", System.Globalization.CultureInfo.InvariantCulture),
            article.Source,
            article.Author,
            article.Categories,
            article.Body,
            null);
    }

    private sealed record ParsedLine(
        string Path, string? Title, string? PublishedAt, string? Source, string? Author, IReadOnlyList<string> Categories, string? Body, string? Error)
    {
        public static ParsedLine Failed(string path, string error) => new(path, null, null, null, null, [], null, error);
    }
}
