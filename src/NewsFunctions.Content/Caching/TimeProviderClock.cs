using Microsoft.Extensions.Internal;

namespace NewsFunctions.Content.Caching;

/// <summary>MemoryCache takes its time from an ISystemClock; this one is the app's TimeProvider, so tests can move time.</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
