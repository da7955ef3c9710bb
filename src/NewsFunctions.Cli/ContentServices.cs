using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsFunctions.Content;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Cli;

/// <summary>The same services the function app uses, configured from the same settings (environment variables).</summary>
internal static class ContentServices
{
    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Storage connection string. Default: the AzureWebJobsStorage environment variable, else Azurite (UseDevelopmentStorage=true).",
        Recursive = true,
    };

    public static ServiceProvider Build(ParseResult parseResult)
    {
        var settings = new Dictionary<string, string?>();
        var connection = parseResult.GetValue(ConnectionOption) ?? Environment.GetEnvironmentVariable(StorageClients.ConnectionName);
        if (string.IsNullOrWhiteSpace(connection) && Environment.GetEnvironmentVariable(StorageClients.ConnectionName + "__accountName") is null)
            connection = "UseDevelopmentStorage=true";
        if (!string.IsNullOrWhiteSpace(connection))
            settings[StorageClients.ConnectionName] = connection;

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error).AddFilter("Azure", LogLevel.Error))
            .AddNewsContent(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
