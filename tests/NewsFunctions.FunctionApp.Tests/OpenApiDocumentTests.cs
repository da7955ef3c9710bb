using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>The OpenAPI document served at /api/openapi.json, checked against the routes the host really binds (functions.metadata).</summary>
public sealed partial class OpenApiDocumentTests
{
    private static JsonElement Document()
    {
        var result = Assert.IsType<ContentResult>(GetOpenApiDocument.Run(new DefaultHttpContext().Request));
        Assert.Equal(200, result.StatusCode);
        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(result.Content!);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// "GET /articles/{id}" for every HTTP trigger: its methods and route (constraints such as {id:int} removed).
    /// The catch-all routes (CORS preflight, 405 for writes) are HTTP behaviour of every path, not operations.
    /// </summary>
    private static HashSet<string> DeclaredOperations() => FunctionsMetadataTests.Load().Values
        .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
        .Where(b => b.GetProperty("type").GetString() == "httpTrigger" && !b.GetProperty("route").GetString()!.StartsWith("{*", StringComparison.Ordinal))
        .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m =>
            $"{m.GetString()!.ToUpperInvariant()} /{RouteConstraint().Replace(b.GetProperty("route").GetString()!, "}")}"))
        .ToHashSet(StringComparer.Ordinal);

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static HashSet<string> DocumentedOperations() => Document().GetProperty("paths").EnumerateObject()
        .SelectMany(p => p.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
        .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();

    [Fact]
    public void It_is_openapi_3_served_under_api()
    {
        var document = Document();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api", Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("title").GetString()));
    }

    [Fact]
    public void Every_http_function_is_documented()
    {
        var missing = DeclaredOperations().Except(DocumentedOperations()).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "Not in openapi.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_documented_operation_is_an_http_function()
    {
        var extra = DocumentedOperations().Except(DeclaredOperations()).Order(StringComparer.Ordinal).ToArray();
        Assert.True(extra.Length == 0, "In openapi.json but not in functions.metadata: " + string.Join(", ", extra));
    }

    private static string PathOf(string operation) => operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    [Fact]
    public void Every_reference_resolves()
    {
        var document = Document();
        var references = new List<string>();
        Collect(document, references);
        Assert.NotEmpty(references);
        foreach (var reference in references.Distinct())
        {
            Assert.StartsWith("#/", reference, StringComparison.Ordinal);
            var target = document;
            foreach (var segment in reference[2..].Split('/'))
                Assert.True(target.TryGetProperty(segment, out target), $"{reference} does not resolve");
        }
    }

    [Theory]
    [InlineData("ArticleSummary", new[] { "id", "slug", "title", "publishedAt", "source", "categories", "siteName", "summary" })]
    [InlineData("Article", new[] { "id", "slug", "title", "publishedAt", "hasPublishedTime", "source", "author", "editor", "categories", "paragraphs", "images", "previous", "next", "canonicalUrl", "siteName", "language", "summary", "characterCount", "provenance" })]
    [InlineData("ArticleList", new[] { "items", "nextCursor", "next" })]
    [InlineData("ArticleLink", new[] { "title", "url", "id", "slug" })]
    [InlineData("ProblemDetails", new[] { "type", "title", "status", "detail", "errors" })]
    public void Schemas_have_the_properties_the_api_returns(string schema, string[] properties)
    {
        var actual = Document().GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(properties.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_list_documents_every_query_parameter()
    {
        var document = Document();
        var names = document.GetProperty("paths").GetProperty("/articles").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => Resolve(document, p))
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["category", "cursor", "fields", "from", "limit", "q", "source", "to"], names.Order(StringComparer.Ordinal));
    }

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        if (!element.TryGetProperty("$ref", out var reference))
            return element;
        foreach (var segment in reference.GetString()![2..].Split('/'))
            document = document.GetProperty(segment);
        return document;
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref") references.Add(property.Value.GetString()!);
                else Collect(property.Value, references);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, references);
        }
    }
}
