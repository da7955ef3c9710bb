namespace NewsFunctions.Cli;

/// <summary>Progress on standard error (so standard output stays machine-readable), only for long runs and only on a terminal.</summary>
internal sealed class Progress(int total, string verb) : IDisposable
{
    private readonly bool _show = total >= 20 && !Console.IsErrorRedirected;
    private int _done;
    private long _lastTick = Environment.TickCount64;

    public void Advance()
    {
        _done++;
        if (!_show || Environment.TickCount64 - _lastTick < 250) return;
        _lastTick = Environment.TickCount64;
        Console.Error.Write($"\r{_done}/{total} {verb}");
    }

    public void Dispose()
    {
        if (_show) Console.Error.WriteLine($"\r{_done}/{total} {verb}");
    }
}

/// <summary>A sweep's running totals on standard error (the total is not known in advance), only on a terminal.</summary>
internal sealed class SyncProgress : IProgress<NewsFunctions.Content.Ingestion.SyncSummary>, IDisposable
{
    private readonly bool _show = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private long _lastTick;
    private NewsFunctions.Content.Ingestion.SyncSummary? _last;
    private bool _disposed;

    public void Report(NewsFunctions.Content.Ingestion.SyncSummary value)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _last = value;
            if (!_show || Environment.TickCount64 - _lastTick < 250) return;
            _lastTick = Environment.TickCount64;
            Console.Error.Write("\r" + Line(value));
        }
    }

    /// <summary>A line on standard output, clearing the progress line first so the two do not run together on a terminal.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_show && _lastTick != 0) Console.Error.Write("\r" + new string(' ', Console.IsOutputRedirected ? 0 : 79) + "\r");
            Console.WriteLine(line);
            _lastTick = 0; // show the totals again at the next report
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_show && _last is not null) Console.Error.WriteLine("\r" + Line(_last));
        }
    }

    private static string Line(NewsFunctions.Content.Ingestion.SyncSummary s) =>
        $"{s.Examined} examined, {s.Ingested + s.WouldIngest} {(s.WouldIngest > 0 ? "to ingest" : "ingested")}, {s.Failed + s.Errors} failed, {s.AlreadyCurrent} already current";
}
