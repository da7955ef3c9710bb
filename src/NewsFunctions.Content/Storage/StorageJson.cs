using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsFunctions.Content.Storage;

/// <summary>How structured values are written into string properties: compact JSON, readable Chinese, times with their offset.</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Table Storage keeps DateTime in UTC only; the page's own offset (+08:00) is part of the data, so times are strings.
    public static string? FormatTime(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
