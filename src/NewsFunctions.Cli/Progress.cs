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
