namespace NewsFunctions.Parsing.Decoding;

/// <summary>Reads documents into memory with a size limit; the parser and ingestion (which hashes the same bytes) share it.</summary>
public static class BoundedReader
{
    /// <summary>Reads a whole stream, or returns null as soon as it passes <paramref name="maxBytes"/>, so a huge upload never fills memory.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
            return null;
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, maxBytes) : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
