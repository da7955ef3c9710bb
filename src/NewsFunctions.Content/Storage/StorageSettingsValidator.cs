using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NewsFunctions.Content.Storage;

/// <summary>
/// Checks at start-up (with the Content options, which are validated on start) that the storage setting is there and
/// well-formed, so a missing or mistyped <c>AzureWebJobsStorage</c> stops the app with its name, not at the first upload.
/// </summary>
internal sealed class StorageSettingsValidator(IConfiguration configuration) : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        var connectionString = configuration[StorageClients.ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString.Trim() == "UseDevelopmentStorage=true" || connectionString.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
                || connectionString.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{StorageClients.ConnectionName} is not a storage connection string (expected UseDevelopmentStorage=true or AccountName=...;AccountKey=... or ...Endpoint=...).");
        }
        var section = configuration.GetSection(StorageClients.ConnectionName);
        if (section["accountName"] is { Length: > 0 } account)
        {
            return account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && account.Length is >= 3 and <= 24
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{StorageClients.ConnectionName}__accountName '{account}' is not a storage account name (3-24 lowercase letters and digits).");
        }
        // The host needs the queue URI too: its blob trigger queues work and poisoned documents there.
        foreach (var uri in new[] { "blobServiceUri", "tableServiceUri", "queueServiceUri" })
        {
            if (section[uri] is not { Length: > 0 } value)
                return ValidateOptionsResult.Fail($"Storage is not configured: set {StorageClients.ConnectionName} to a connection string, or {StorageClients.ConnectionName}__accountName for an identity-based connection.");
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
                return ValidateOptionsResult.Fail($"{StorageClients.ConnectionName}__{uri} '{value}' is not an absolute URI.");
        }
        return ValidateOptionsResult.Success;
    }
}
