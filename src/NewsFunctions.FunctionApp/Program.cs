using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NewsFunctions.FunctionApp;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddNewsFunctionApp();
await builder.Build().RunAsync().ConfigureAwait(false);
