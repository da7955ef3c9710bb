namespace NewsFunctions.Parsing.Decoding;

/// <summary>Which parser a document needs, judged from its content (file names lie or are absent).</summary>
internal static class FormatSniffer
{
    private static readonly string[] HtmlMarkers = ["<html", "<!doctype html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<table", "<article", "<br", "<script"];

    public static DocumentFormat Detect(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 4096)).TrimStart();
        if (head.StartsWith("{", StringComparison.Ordinal)) return DocumentFormat.Json;
        if (head.StartsWith("<!--", StringComparison.Ordinal) || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
            return DocumentFormat.Html;
        var markers = 0;
        foreach (var marker in HtmlMarkers)
        {
            if (head.Contains(marker, StringComparison.OrdinalIgnoreCase)) markers++;
        }
        // A dump quoting one tag stays text; a page starts with a tag, or carries several.
        if (markers >= 2 || (markers >= 1 && head.StartsWith("<", StringComparison.Ordinal))) return DocumentFormat.Html;
        return DocumentFormat.Text;
    }
}
