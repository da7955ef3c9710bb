using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>Adds the CORS headers to every HTTP response, before the function writes it.</summary>
internal sealed class HttpHeadersMiddleware(CorsPolicy cors) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
            cors.ApplyToResponse(http.Request, http.Response);
        await next(context).ConfigureAwait(false);
    }
}
