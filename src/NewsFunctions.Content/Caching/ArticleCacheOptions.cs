namespace NewsFunctions.Content.Caching;

/// <summary>How long and how much <see cref="CachedArticleReads"/> keeps. Off (the default, as in the CLI) unless both are positive.</summary>
public sealed class ArticleCacheOptions
{
    /// <summary>No entry lives longer than this (the function app sets it to <c>Api:CacheMaxAgeSeconds</c>).</summary>
    public TimeSpan MaxAge { get; set; }

    /// <summary>The cache's bound: the sum of its entries' sizes, each the approximate bytes it holds.</summary>
    public long SizeLimitBytes { get; set; }

    public bool Enabled => MaxAge > TimeSpan.Zero && SizeLimitBytes > 0;
}
