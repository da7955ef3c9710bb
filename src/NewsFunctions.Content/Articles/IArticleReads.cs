namespace NewsFunctions.Content.Articles;

/// <summary>
/// What sites read: list pages, and details with previous/next linked to the stored articles they name. The HTTP
/// functions read through this (cached in memory when the app is configured so, <see cref="Caching.CachedArticleReads"/>);
/// ingestion and the operator tools use <see cref="IArticleStore"/> directly and always see storage.
/// </summary>
public interface IArticleReads
{
    /// <summary>The article with its neighbours linked, or null when no article has that id.</summary>
    Task<Article?> GetAsync(string id, CancellationToken cancellationToken);

    Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken);
}

/// <summary>Reads straight from the store, every time.</summary>
public sealed class StoreReads(IArticleStore store) : IArticleReads
{
    public Task<Article?> GetAsync(string id, CancellationToken cancellationToken) => store.FindAsync(id, linkNeighbours: true, cancellationToken);

    public Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken) => store.ListAsync(query, cancellationToken);
}
