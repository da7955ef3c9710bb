using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using NewsFunctions.Content.Articles;

namespace NewsFunctions.Content.Caching;

/// <summary>
/// Hot reads from memory: list pages and details are kept in this process for at most <see cref="ArticleCacheOptions.MaxAge"/>,
/// in a cache bounded by <see cref="ArticleCacheOptions.SizeLimitBytes"/> (each entry sized by the memory it holds,
/// <see cref="CacheSizes"/>), so a repeated read makes no storage request. A list page is keyed by its whole
/// <see cref="ArticleQuery"/> (a record compared by value: every parameter, the cursor and the limit), a detail by its id.
/// <para>
/// A save or a delete in this process (<see cref="ArticleChanges"/>) drops every list page, and exactly the details it
/// changes: the article's own, and those whose previous/next named it (by id, by the URL the id comes from, or by
/// title). Each of those is a <em>signal</em>, a cancellation token kept in the same cache, that the entries depending
/// on it expire with. A read that overlaps a write is served but not kept, since it cannot tell which state it saw.
/// Writes in other processes are not seen until entries expire: a site can see another instance's change up to
/// <see cref="ArticleCacheOptions.MaxAge"/> late.
/// </para>
/// </summary>
public sealed class CachedArticleReads : IArticleReads, IDisposable
{
    private const string ListsSignal = "lists";

    /// <summary>A signal entry: its key, its token source, the cache's own bookkeeping.</summary>
    private const long SignalBytes = 256;

    /// <summary>What an entry's registration on one signal costs (the callback registered on the token).</summary>
    private const long DependencyBytes = 96;

    private readonly IArticleReads _inner;
    private readonly ArticleChanges _changes;
    private readonly MemoryCache _cache;
    private readonly TimeSpan _maxAge;
    private readonly Lock _signalGate = new();
    private long _writes;

    public CachedArticleReads(IArticleReads inner, ArticleChanges changes, IOptions<ArticleCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Value.Enabled)
            throw new ArgumentException("The cache needs a positive MaxAge and SizeLimitBytes.", nameof(options));
        _inner = inner;
        _changes = changes;
        _maxAge = options.Value.MaxAge;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitBytes, Clock = new TimeProviderClock(time) });
        _changes.Changed += OnChanged;
    }

    public async Task<Article?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var key = new DetailKey(id);
        if (_cache.TryGetValue(key, out Article? cached))
            return cached;
        var writes = Volatile.Read(ref _writes);
        var article = await _inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        // A missing article is not kept: ids nobody stored would only fill the cache.
        if (article is not null)
            Keep(key, article, CacheSizes.Of(article), SignalsOf(article), writes);
        return article;
    }

    public async Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = new ListKey(query);
        if (_cache.TryGetValue(key, out ArticlePage? cached))
            return cached!;
        var writes = Volatile.Read(ref _writes);
        var page = await _inner.ListAsync(query, cancellationToken).ConfigureAwait(false);
        Keep(key, page, CacheSizes.Of(page), [ListsSignal], writes);
        return page;
    }

    public void Dispose()
    {
        _changes.Changed -= OnChanged;
        _cache.Dispose();
    }

    /// <summary>The signals a detail depends on: its own id, and for each neighbour what it was looked up by and what it found.</summary>
    private static List<string> SignalsOf(Article article)
    {
        var signals = new List<string>(7) { ArticleSignal(article.Id) };
        foreach (var link in new[] { article.Previous, article.Next })
        {
            if (link is null) continue;
            if (link.Id is { } found) signals.Add(ArticleSignal(found));
            if (ArticleId.ForUrl(link.Url) is { } byUrl) signals.Add(ArticleSignal(byUrl));
            if (ArticleTitleIndex.PartitionFor(article.SiteName, link.Title) is { } byTitle) signals.Add(byTitle);
        }
        return signals;
    }

    /// <summary>Article signals are "a|id"; title signals are the title partitions themselves, which start with "t|".</summary>
    private static string ArticleSignal(string id) => "a|" + id;

    private void OnChanged(object? sender, ArticleChangedEventArgs change)
    {
        // First the count, then the signals: a read that finds the count unchanged has its signals before they fire.
        Interlocked.Increment(ref _writes);
        Fire(ListsSignal);
        Fire(ArticleSignal(change.Id));
        if (change.TitlePartition is { } titles)
            Fire(titles);
    }

    private void Keep(object key, object value, long size, IReadOnlyCollection<string> signals, long writesBefore)
    {
        var tokens = signals.Distinct(StringComparer.Ordinal).Select(Watch).ToList();
        if (Volatile.Read(ref _writes) != writesBefore)
            return;
        using var entry = _cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = size + tokens.Count * DependencyBytes;
        entry.AbsoluteExpirationRelativeToNow = _maxAge;
        foreach (var token in tokens)
            entry.ExpirationTokens.Add(token);
    }

    /// <summary>The token of a signal, created when first watched. It lives as long as something may depend on it.</summary>
    private CancellationChangeToken Watch(string name)
    {
        var key = new SignalKey(name);
        lock (_signalGate)
        {
            if (!_cache.TryGetValue(key, out CancellationTokenSource? source))
            {
                source = new CancellationTokenSource();
                using var entry = _cache.CreateEntry(key);
                entry.Value = source;
                entry.Size = SignalBytes + 2L * name.Length;
                // Watched again by every entry that depends on it, so it outlives them all; evicted early (the cache is
                // full), it fires, and its dependents go too rather than miss a later change.
                entry.SlidingExpiration = _maxAge;
                entry.Priority = CacheItemPriority.High;
                entry.RegisterPostEvictionCallback(static (_, value, _, _) => ((CancellationTokenSource)value!).Cancel());
            }
            return new CancellationChangeToken(source!.Token);
        }
    }

    private void Fire(string name)
    {
        var key = new SignalKey(name);
        lock (_signalGate)
        {
            if (!_cache.TryGetValue(key, out CancellationTokenSource? source))
                return;
            // At once, not in the eviction callback (which the cache runs later, on the thread pool).
            source!.Cancel();
            _cache.Remove(key);
        }
    }

    private sealed record DetailKey(string Id);

    private sealed record ListKey(ArticleQuery Query);

    private sealed record SignalKey(string Name);
}
