using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Caching;

namespace NewsFunctions.IntegrationTests;

/// <summary>The cache's own rules, over a mock of what it caches (no storage): bounds, signals, reads that overlap writes.</summary>
public sealed class CachedArticleReadsTests : IDisposable
{
    private readonly Mock<IArticleReads> _inner = new(MockBehavior.Strict);
    private readonly ArticleChanges _changes = new();
    private readonly FakeTimeProvider _time = new();
    private CachedArticleReads? _cache;

    private CachedArticleReads Cache(long sizeLimitBytes = 1024 * 1024) =>
        _cache = new CachedArticleReads(_inner.Object, _changes,
            Options.Create(new ArticleCacheOptions { MaxAge = TimeSpan.FromSeconds(60), SizeLimitBytes = sizeLimitBytes }), _time);

    public void Dispose() => _cache?.Dispose();

    private static Article Article(string id, string title, ArticleNeighbour? next = null, int paragraphChars = 10) => new()
    {
        Id = id,
        Title = title,
        SiteName = "测试网",
        Paragraphs = [new string('字', paragraphChars)],
        Next = next,
        Provenance = new ArticleProvenance("seeds", id + ".txt", null, "00", "1", DateTimeOffset.UnixEpoch),
    };

    private void Serve(Article article) => _inner.Setup(r => r.GetAsync(article.Id, It.IsAny<CancellationToken>())).ReturnsAsync(article);

    private async Task<int> ReadsFromInnerAsync(CachedArticleReads cache, string id, int times)
    {
        _inner.Invocations.Clear();
        for (var i = 0; i < times; i++)
            await cache.GetAsync(id, CancellationToken.None);
        return _inner.Invocations.Count;
    }

    [Fact]
    public async Task An_entry_larger_than_the_whole_cache_is_served_but_not_kept()
    {
        var cache = Cache(sizeLimitBytes: 10_000);
        Serve(Article("aaaaaaaaaaaaa", "小文章"));
        Serve(Article("bbbbbbbbbbbbb", "长文章", paragraphChars: 20_000)); // 40,000 bytes of UTF-16

        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 3));
        Assert.Equal(3, await ReadsFromInnerAsync(cache, "bbbbbbbbbbbbb", 3));
    }

    [Fact]
    public async Task A_change_drops_the_article_and_the_details_that_named_it_and_keeps_the_rest()
    {
        var cache = Cache();
        var named = Article("bbbbbbbbbbbbb", "樱花进入盛花期");
        Serve(Article("aaaaaaaaaaaaa", "夜间公交开通", new ArticleNeighbour("樱花进入盛花期", null, named.Id, ArticleSlug.For(named.Title, named.Id))));
        Serve(Article("ccccccccccccc", "图书馆延长开放时间", new ArticleNeighbour("尚未收录的文章")));
        Serve(Article("ddddddddddddd", "与其他文章无关"));
        foreach (var id in new[] { "aaaaaaaaaaaaa", "ccccccccccccc", "ddddddddddddd" })
            Assert.Equal(1, await ReadsFromInnerAsync(cache, id, 2));

        // A delete of the article a names (by id), and a save of one with the title c looks for (by title).
        _changes.Raise(named.Id, titlePartition: null);
        _changes.Raise("eeeeeeeeeeeee", ArticleTitleIndex.PartitionFor("测试网", "尚未收录的文章"));

        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 2));
        Assert.Equal(1, await ReadsFromInnerAsync(cache, "ccccccccccccc", 2));
        Assert.Equal(0, await ReadsFromInnerAsync(cache, "ddddddddddddd", 2));
    }

    [Fact]
    public async Task A_link_by_url_is_dropped_when_the_article_of_that_url_changes()
    {
        var cache = Cache();
        const string Url = "https://news.example.cn/b.html";
        Serve(Article("aaaaaaaaaaaaa", "夜间公交开通", new ArticleNeighbour("樱花…", Url)));
        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 2));

        _changes.Raise(ArticleId.ForUrl(Url)!, ArticleTitleIndex.PartitionFor("测试网", "河畔公园樱花进入盛花期"));

        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 2));
    }

    [Fact]
    public async Task A_read_that_overlaps_a_write_is_served_but_not_kept()
    {
        var cache = Cache();
        var release = new TaskCompletionSource<ArticlePage>();
        var query = new ArticleQuery { Limit = 5 };
        _inner.Setup(r => r.ListAsync(query, It.IsAny<CancellationToken>())).Returns(release.Task);

        var reading = cache.ListAsync(query, CancellationToken.None);
        _changes.Raise("aaaaaaaaaaaaa", titlePartition: null); // a save finishes while the page is being read
        release.SetResult(new ArticlePage([], null));
        await reading;

        _inner.Invocations.Clear();
        await cache.ListAsync(query, CancellationToken.None);
        await cache.ListAsync(query, CancellationToken.None);
        Assert.Single(_inner.Invocations);
    }

    [Fact]
    public async Task Entries_expire_after_the_max_age()
    {
        var cache = Cache();
        Serve(Article("aaaaaaaaaaaaa", "夜间公交开通"));
        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 2));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await ReadsFromInnerAsync(cache, "aaaaaaaaaaaaa", 2));
    }

    [Fact]
    public void A_cache_without_a_max_age_or_a_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => new CachedArticleReads(_inner.Object, _changes, Options.Create(new ArticleCacheOptions { MaxAge = TimeSpan.FromSeconds(60) }), _time));
}
