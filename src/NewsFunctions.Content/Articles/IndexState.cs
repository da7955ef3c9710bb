using System.Text.Json;
using Azure.Data.Tables;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// What an article's derived rows (list index, search postings, counts) are, kept on its entity so each save and
/// delete knows exactly what to add and what to remove. A save that stops halfway leaves <see cref="Complete"/>
/// false and the rows still to remove in <see cref="StaleKeys"/> and <see cref="StalePostings"/>; the next save
/// (the host's retry) re-applies everything idempotently and finishes the clean-up.
/// </summary>
internal sealed record IndexState(
    IReadOnlyList<(string Partition, string Row)> Keys,
    IReadOnlyList<string> Terms,
    bool Complete,
    IReadOnlyList<(string Partition, string Row)> StaleKeys,
    IReadOnlyDictionary<string, string[]> StalePostings)
{
    public const string KeysProperty = "IndexKeys";
    public const string TermsProperty = "SearchTerms";
    public const string CompleteProperty = "IndexComplete";
    public const string StaleKeysProperty = "StaleKeys";
    public const string StalePostingsProperty = "StalePostings";
    public const string SearchLayoutProperty = "SearchLayout";

    /// <summary>Stale postings beyond this many characters are dropped: they could only make a search return a row it then cannot resolve.</summary>
    private const int MaxStalePostingsChars = 30_000;

    public static readonly IReadOnlyList<string> Columns = [KeysProperty, TermsProperty, CompleteProperty, StaleKeysProperty, StalePostingsProperty, SearchLayoutProperty];

    public static readonly IndexState None = new([], [], true, [], new Dictionary<string, string[]>());

    /// <summary>About how many characters the state takes in the entity, to budget the entity's size.</summary>
    public int ApproximateChars =>
        Terms.Sum(t => t.Length + 1) + (Keys.Count + StaleKeys.Count) * 80 + Math.Min(MaxStalePostingsChars, StalePostings.Sum(p => p.Key.Length + p.Value.Sum(t => t.Length + 1)));

    /// <summary>The list RowKey, the one the postings are filed under.</summary>
    public string? RowKey => Keys.Where(k => k.Partition == ArticleIndexRow.AllPartition).Select(k => k.Row).FirstOrDefault();

    /// <summary>The state of a new version, pending until its rows are written: what this one (and any unfinished one before it) leaves to remove.</summary>
    public IndexState Next(IReadOnlyList<(string Partition, string Row)> keys, IReadOnlyList<string> terms)
    {
        var staleKeys = StaleKeys.Concat(Keys).Except(keys).Distinct().ToArray();
        var newRowKey = keys.Where(k => k.Partition == ArticleIndexRow.AllPartition).Select(k => k.Row).FirstOrDefault();
        var stale = StalePostings.ToDictionary(p => p.Key, p => p.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (RowKey is { } oldRowKey)
        {
            if (!stale.TryGetValue(oldRowKey, out var set)) stale[oldRowKey] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(Terms);
        }
        if (newRowKey is not null && stale.TryGetValue(newRowKey, out var kept))
            kept.ExceptWith(terms);
        var postings = stale.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return new IndexState(keys, terms, false, staleKeys, postings);
    }

    public void WriteTo(TableEntity entity)
    {
        entity[KeysProperty] = KeysJson(Keys);
        // Terms are letters and digits only, so '|' never occurs inside one.
        entity[TermsProperty] = string.Join('|', Terms);
        entity[CompleteProperty] = Complete;
        entity[StaleKeysProperty] = KeysJson(StaleKeys);
        var postings = JsonSerializer.Serialize(StalePostings.ToDictionary(p => p.Key, p => string.Join('|', p.Value)), StorageJson.Options);
        entity[StalePostingsProperty] = postings.Length <= MaxStalePostingsChars ? postings : "{}";
        entity[SearchLayoutProperty] = SearchIndex.Layout;
    }

    public static IndexState ReadFrom(TableEntity entity)
    {
        var keys = ReadKeys(entity.GetString(KeysProperty));
        var complete = entity.GetBoolean(CompleteProperty) ?? true;
        var staleKeys = ReadKeys(entity.GetString(StaleKeysProperty));
        // Postings written in an earlier layout are in tables this version no longer reads: as far as a save is
        // concerned there are none, so it writes them all again (which is how `newsfn reindex` rebuilds the index).
        if ((entity.GetInt32(SearchLayoutProperty) ?? 1) != SearchIndex.Layout)
            return new IndexState(keys, [], complete, staleKeys, new Dictionary<string, string[]>(StringComparer.Ordinal));

        var postings = entity.GetString(StalePostingsProperty) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json, StorageJson.Options)!.ToDictionary(p => p.Key, p => p.Value.Split('|', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal);
        return new IndexState(
            keys,
            entity.GetString(TermsProperty) is { Length: > 0 } terms ? terms.Split('|') : [],
            complete,
            staleKeys,
            postings);
    }

    private static string KeysJson(IEnumerable<(string Partition, string Row)> keys) =>
        JsonSerializer.Serialize(keys.Select(k => new[] { k.Partition, k.Row }), StorageJson.Options);

    private static (string, string)[] ReadKeys(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[][]>(json, StorageJson.Options)!.Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToArray();
}
