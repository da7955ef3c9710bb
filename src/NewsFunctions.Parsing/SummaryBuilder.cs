using System.Text;

namespace NewsFunctions.Parsing;

internal static class SummaryBuilder
{
    private const int TargetLength = 120;
    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?', '；'];

    /// <summary>Whole sentences from the start of the body until about <see cref="TargetLength"/> characters.</summary>
    public static string Build(IReadOnlyList<string> paragraphs)
    {
        var summary = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var start = 0;
            while (start < paragraph.Length)
            {
                var end = paragraph.IndexOfAny(SentenceEnds, start);
                var sentence = end < 0 ? paragraph[start..] : paragraph[start..(end + 1)];
                if (summary.Length > 0 && summary.Length + sentence.Length > TargetLength)
                    return summary.ToString();
                summary.Append(sentence.Trim());
                if (summary.Length >= TargetLength)
                    return summary.Length > TargetLength + 40 ? summary.ToString(0, TargetLength) + "…" : summary.ToString();
                start = end < 0 ? paragraph.Length : end + 1;
            }
        }
        return summary.ToString();
    }
}
