namespace NewsFunctions.Content.Storage;

/// <summary>
/// Blob ETags as the SDK hands them over: quoted when they come from a response header (properties, download, upload:
/// <c>"0x8DC..."</c>), bare when they come from a listing's XML (<c>0x8DC...</c>). The same version either way.
/// </summary>
internal static class BlobETags
{
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && Bare(a).Equals(Bare(b), StringComparison.Ordinal);

    private static ReadOnlySpan<char> Bare(string etag)
    {
        var value = etag.AsSpan().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Trim('"');
    }
}
