namespace NewsFunctions.FunctionApp.Http;

/// <summary>The API's OpenAPI document: Http/openapi.json, embedded in the assembly and read once.</summary>
internal static class OpenApiDocument
{
    public const string ResourceName = "NewsFunctions.FunctionApp.openapi.json";

    private static readonly Lazy<string> Json = new(Read);

    public static string Text => Json.Value;

    private static string Read()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
