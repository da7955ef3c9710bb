namespace NewsFunctions.Content.Articles;

/// <summary>
/// What a save or a delete in this process changed, for the read caches of the same process. The store raises it
/// after every write, a failed one too (a write that stopped halfway may already show). Other processes are not told:
/// their caches catch up when their entries expire.
/// </summary>
public sealed class ArticleChanges
{
    public event EventHandler<ArticleChangedEventArgs>? Changed;

    internal void Raise(string id, string? titlePartition) => Changed?.Invoke(this, new ArticleChangedEventArgs(id, titlePartition));
}

public sealed class ArticleChangedEventArgs(string id, string? titlePartition) : EventArgs
{
    /// <summary>The article saved or deleted.</summary>
    public string Id { get; } = id;

    /// <summary>The title partition a saved article is now found under (<see cref="ArticleTitleIndex"/>); null for a delete.</summary>
    public string? TitlePartition { get; } = titlePartition;
}
