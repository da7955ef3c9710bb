namespace NewsFunctions.Content.Articles;

/// <summary>Reads and writes articles. Lists are one query of one index partition; a detail is one point read.</summary>
public interface IArticleStore
{
    /// <summary>The article as stored (its previous/next as the page named them), or null when no article has that id.</summary>
    Task<Article?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync(string, CancellationToken)"/>; with <paramref name="linkNeighbours"/>, previous and next
    /// carry the id and slug of the stored articles they name (<see cref="ArticleNeighbours"/>: up to two requests a
    /// link, both links at once).
    /// </summary>
    Task<Article?> FindAsync(string id, bool linkNeighbours, CancellationToken cancellationToken);

    Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the article and its index rows; rows the previous version had and this one does not are removed.</summary>
    Task SaveAsync(Article article, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SaveAsync(Article, CancellationToken)"/>; <paramref name="likelyNew"/> (the document was never
    /// seen before) lets the store create the article without reading it first, falling back to the read when it
    /// exists after all. Either value gives the same result; only the number of requests differs.
    /// </summary>
    Task SaveAsync(Article article, bool likelyNew, CancellationToken cancellationToken);

    /// <summary>Removes the article and its index rows; false when there was no such article (deleting twice is harmless).</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
