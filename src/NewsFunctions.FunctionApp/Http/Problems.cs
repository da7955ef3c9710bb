using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>RFC 9457 problem details, served as <c>application/problem+json</c>.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult BadRequest(string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid parameters.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Detail = detail,
        };
        if (errors is not null)
            problem.Extensions["errors"] = errors;
        return Result(problem);
    }

    public static ObjectResult NotFound(string detail) => Result(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Not found.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        Detail = detail,
    });

    public static ObjectResult MethodNotAllowed(string detail) => Result(new ProblemDetails
    {
        Status = StatusCodes.Status405MethodNotAllowed,
        Title = "Method not allowed.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        Detail = detail,
    });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add(ContentType);
        return result;
    }
}
