namespace NewsFunctions.BrowserTests;

/// <summary>Debian's chromium, which Playwright drives here (its own browser download is not reachable, and not used).</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// As root in a container: no sandbox; no GPU; and nothing that calls out at start (background networking,
    /// component updates, sync, QUIC), which this machine's closed network would refuse many times over.
    /// Playwright gives every launch a new, empty user data directory of its own.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public const string SkipReason =
        "Needs Debian's chromium at " + ExecutablePath + " with Chinese fonts: apt-get install chromium fonts-noto-cjk "
        + "(.ci/run installs them; Playwright's own browser download is not used).";
}

/// <summary>A fact that needs chromium: where it is absent, xunit reports the test skipped, saying how to install it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        // xunit 2 reads Skip at discovery, so setting it here is a dynamic skip.
        if (!Chromium.IsInstalled) Skip = Chromium.SkipReason;
    }
}
