using System.ComponentModel.DataAnnotations;

namespace NewsFunctions.Content;

/// <summary>Where articles and documents live, and the limits ingestion enforces. Bound from the "Content" section.</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The blob container users upload documents to. The blob trigger's path names the same container.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Content:DocumentsContainer must be a valid blob container name.")]
    public string DocumentsContainer { get; set; } = "seeds";

    /// <summary>Where article bodies too long for one table entity are kept, one blob per article.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Content:BodiesContainer must be a valid blob container name.")]
    public string BodiesContainer { get; set; } = "article-bodies";

    /// <summary>Prepended to every table name, so several deployments (or test runs) can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,30})?$", ErrorMessage = "Content:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";

    /// <summary>Documents larger than this are recorded as failed (TooLarge) without being parsed.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 8 * 1024 * 1024;

    public string ArticlesTable => TablePrefix + "articles";
    public string ArticleIndexTable => TablePrefix + "articleindex";
    public string ArticleTitlesTable => TablePrefix + "articletitles";
    public string DocumentsTable => TablePrefix + "documents";
    public string FacetsTable => TablePrefix + "facets";
    public string SearchTable => TablePrefix + "search";
}
