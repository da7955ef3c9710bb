namespace NewsFunctions.Content.Storage;

/// <summary>Hashes that place data in storage, so they must be the same in every process and runtime (string.GetHashCode is not).</summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the string's UTF-16 code units.</summary>
    public static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
