using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsFunctions.Content;

namespace NewsFunctions.FunctionApp;

/// <summary>The composition root, shared by Program and by the tests that build the host.</summary>
public static class FunctionAppSetup
{
    public static FunctionsApplicationBuilder AddNewsFunctionApp(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddNewsContent(builder.Configuration);
        // camelCase is ASP.NET Core's default; write Chinese as itself, not as \u escapes.
        builder.Services.Configure<JsonOptions>(o => o.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return builder;
    }
}
