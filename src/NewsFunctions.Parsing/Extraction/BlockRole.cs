namespace NewsFunctions.Parsing.Extraction;

/// <summary>What a block is, before the body is located.</summary>
internal enum BlockRole
{
    Text,
    Meta,
    Noise,
    Footer,
    PreviousNext,
    Breadcrumb,
    Image,
}
