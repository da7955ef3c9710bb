using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace NewsFunctions.LoadBench;

/// <summary>
/// Counts the storage requests a run makes, by kind (table or blob, verb, what it touches), with the time each
/// kind spent waiting on storage, so a save's cost can be read as "requests per document" and trimmed where it is.
/// Added to the clients' pipelines per retry: a retried request counts twice, as it costs twice.
/// </summary>
public sealed class RequestTally(string tablePrefix)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The policy to add to the table clients' options.</summary>
    public HttpPipelinePolicy Tables => new Counting(this, isTable: true);

    /// <summary>The policy to add to the blob clients' options.</summary>
    public HttpPipelinePolicy Blobs => new Counting(this, isTable: false);

    public long Total => _entries.Values.Sum(e => e.Count);

    /// <summary>Requests answered 400 or above, or not answered at all (the connection failed; the client retries those).</summary>
    public long Errors => _entries.Values.Sum(e => e.Errors);

    public void Reset() => _entries.Clear();

    private sealed class Counting(RequestTally tally, bool isTable) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                tally.Record(message, isTable, watch.Elapsed);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            finally
            {
                tally.Record(message, isTable, watch.Elapsed);
            }
        }
    }

    private void Record(HttpMessage message, bool isTable, TimeSpan elapsed)
    {
        var entry = _entries.GetOrAdd(KindOf(message, isTable), _ => new Entry());
        Interlocked.Increment(ref entry.Count);
        Interlocked.Add(ref entry.Ticks, elapsed.Ticks);
        if (!message.HasResponse || message.Response.Status >= 400 || FailedInside(message))
            Interlocked.Increment(ref entry.Errors);
    }

    /// <summary>"table GET articles (point)", "table POST $batch search", "blob PUT lease" and the like.</summary>
    private string KindOf(HttpMessage message, bool isTable)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var method = request.Method.ToString();
        if (!isTable)
        {
            var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
            var action = request.Headers.TryGetValue("x-ms-lease-action", out var leaseAction) ? " " + leaseAction : "";
            return $"blob {method} {comp ?? "blob"}{action}";
        }

        // Paths look like /devstoreaccount1/<prefix>articles(PartitionKey='..',RowKey='..') or /<account>/$batch.
        var segment = path.TrimEnd('/');
        segment = segment[(segment.LastIndexOf('/') + 1)..];
        if (segment == "$batch")
            return $"table POST $batch {BatchTable(message)}";
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var table = open < 0 ? segment : segment[..open];
        var shape = open < 0 ? "(query)" : segment.EndsWith("()", StringComparison.Ordinal) ? "(query)" : "(entity)";
        return $"table {method} {Short(table)} {shape}";
    }

    /// <summary>A batch answers 202 even when its changeset failed; the failure is in the body's inner response.</summary>
    private static bool FailedInside(HttpMessage message)
    {
        if (message.Response.Status != 202 || message.Response.ContentStream is not { CanSeek: true }) return false;
        var text = message.Response.Content.ToString();
        return text.Contains("HTTP/1.1 4", StringComparison.Ordinal) || text.Contains("HTTP/1.1 5", StringComparison.Ordinal);
    }

    /// <summary>The table a batch writes to, read from the first operation's URL in its body.</summary>
    private string BatchTable(HttpMessage message)
    {
        if (message.Request.Content is null) return "?";
        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 4096));
        var at = body.IndexOf(tablePrefix, StringComparison.Ordinal);
        if (at < 0) return "?";
        var end = at;
        while (end < body.Length && char.IsLetterOrDigit(body[end])) end++;
        return Short(body[at..end]);
    }

    private string Short(string table) =>
        (table.StartsWith(tablePrefix, StringComparison.Ordinal) ? table[tablePrefix.Length..] : table).TrimEnd("0123456789".ToCharArray());

    /// <summary>A table of kinds, most requests first, with per-document figures.</summary>
    public string Report(int documents)
    {
        var text = new StringBuilder()
            .AppendLine("| storage request | count | per document | errors | mean ms |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (kind, entry) in _entries.OrderByDescending(e => e.Value.Count))
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {entry.Count:N0} | {entry.Count / (double)documents:0.00} | {entry.Errors:N0} | {TimeSpan.FromTicks(entry.Ticks).TotalMilliseconds / entry.Count:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| all | {Total:N0} | {Total / (double)documents:0.00} | | |");
        return text.ToString();
    }

    private sealed class Entry
    {
        public long Count;
        public long Ticks;
        public long Errors;
    }
}
