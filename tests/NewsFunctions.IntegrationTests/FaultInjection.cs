using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// Storage faults injected as the clients' transport, below the retry policy, so the SDK sees them as the network
/// would give them: a 503 answer or a dropped connection. <see cref="Decide"/> picks which requests fail.
/// </summary>
internal sealed class FaultInjection : HttpPipelineTransport
{
    private readonly HttpClientTransport _network = HttpClientTransport.Shared;
    private int _requests;
    private int _injected;

    public enum Fault { None, ServiceUnavailable, ConnectionDropped }

    /// <summary>Given the number of this request (from 1), which fault to inject.</summary>
    public Func<int, Fault> Decide { get; set; } = _ => Fault.None;

    /// <summary>When set, decides instead of <see cref="Decide"/>, from the request itself (method and URI).</summary>
    public Func<Request, Fault>? DecideByRequest { get; set; }

    /// <summary>Sees every request as it goes out (to count or classify them), faulted or not.</summary>
    public Action<Request>? Observe { get; set; }

    public int Requests => Volatile.Read(ref _requests);
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>A test host whose storage clients carry this policy, with retries fast enough for tests.</summary>
    public ContentTestHost CreateHost()
    {
        var tables = Fast(new TableClientOptions());
        var blobs = Fast(new BlobClientOptions());
        tables.Transport = this;
        blobs.Transport = this;
        return new ContentTestHost(services => services.AddSingleton(StorageClients.FromConnectionString(ContentTestHost.ConnectionString, tables, blobs)));
    }

    private static T Fast<T>(T options) where T : ClientOptions
    {
        StorageClients.WithRetries(options);
        options.Retry.Delay = TimeSpan.FromMilliseconds(2);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        return options;
    }

    public override Request CreateRequest() => _network.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Observe?.Invoke(message.Request);
        var number = Interlocked.Increment(ref _requests);
        switch (DecideByRequest is { } byRequest ? byRequest(message.Request) : Decide(number))
        {
            case Fault.ServiceUnavailable:
                Interlocked.Increment(ref _injected);
                message.Response = new InjectedResponse(503, message.Request.ClientRequestId);
                return ValueTask.CompletedTask;
            case Fault.ConnectionDropped:
                Interlocked.Increment(ref _injected);
                throw new IOException("Injected fault: the connection was dropped.");
            default:
                return _network.ProcessAsync(message);
        }
    }

    private sealed class InjectedResponse(int status, string clientRequestId) : Response
    {
        public override int Status => status;
        public override string ReasonPhrase => "Service Unavailable (injected)";
        public override Stream? ContentStream { get; set; } = new MemoryStream();
        public override string ClientRequestId { get; set; } = clientRequestId;
        public override void Dispose() => ContentStream?.Dispose();
        protected override bool ContainsHeader(string name) => false;
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];
        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) { value = null; return false; }
        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values) { values = null; return false; }
    }
}
