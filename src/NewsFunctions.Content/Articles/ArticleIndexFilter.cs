using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// The OData filter for a list query. Every value goes through <see cref="TableClient.CreateQueryFilter(FormattableString)"/>,
/// which quotes it: user input never reaches the filter unquoted.
/// </summary>
internal static class ArticleIndexFilter
{
    public static string For(ArticleQuery query)
    {
        // One partition serves the query; category and source together are a join (see ArticleStore).
        var partition = query.Category is { Length: > 0 } category ? ArticleIndexRow.CategoryPartition(category)
            : query.Source is { Length: > 0 } source ? ArticleIndexRow.SourcePartition(source)
            : ArticleIndexRow.AllPartition;

        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition}") };
        if (RowKeyBounds(query) is { Length: > 0 } bounds)
            parts.Add(bounds);
        return string.Join(" and ", parts);
    }

    /// <summary>The cursor and the date range as RowKey bounds; empty when there are none.</summary>
    public static string RowKeyBounds(ArticleQuery query) => RowKeyBounds(query, "");

    /// <summary>
    /// The same bounds for rows whose RowKey is <paramref name="keyPrefix"/> followed by a list RowKey (search
    /// postings), so they also keep the scan inside the prefix.
    /// </summary>
    public static string RowKeyBounds(ArticleQuery query, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>(5);
        if (keyPrefix.Length > 0)
        {
            // List RowKeys are digits, ':' and lower-case base32, all of which sort before '~'.
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {keyPrefix}"));
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {keyPrefix + "~"}"));
        }
        if (query.Cursor is { Inclusive: false } after)
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {keyPrefix + after.RowKey}"));
        else if (query.Cursor is { Inclusive: true } resume)
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {keyPrefix + resume.RowKey}"));
        // Newest first: a later time has a smaller RowKey. ';' sorts just after the ':' that follows the ticks.
        if (query.Before is { } before)
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {keyPrefix + TableKeys.InvertedTicks(before) + ";"}"));
        if (query.From is { } from)
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {keyPrefix + TableKeys.InvertedTicks(from) + ";"}"));
        else if (query.Before is not null)
            // A date range holds dated articles only: undated ones have no date to be in it.
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {keyPrefix + TableKeys.UndatedStart}"));
        return string.Join(" and ", parts);
    }
}
