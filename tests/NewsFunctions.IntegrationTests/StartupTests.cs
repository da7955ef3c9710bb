using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsFunctions.FunctionApp;

namespace NewsFunctions.IntegrationTests;

/// <summary>What the worker does when it starts, against Azurite: the poison queue exists before the host polls it.</summary>
public sealed class StartupTests
{
    private static async Task RunAsync(PoisonQueueCreator creator)
    {
        await creator.StartAsync(CancellationToken.None);
        await creator.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        await creator.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_fresh_account_gets_the_poison_queue_at_start_and_a_second_start_keeps_it()
    {
        // A queue of its own: the real one (webjobs-blobtrigger-poison) is shared by every test on this Azurite.
        var queue = new QueueClient(ContentTestHost.ConnectionString, "poison-" + Guid.NewGuid().ToString("N")[..12]);
        var log = new ListLogger<PoisonQueueCreator>();
        try
        {
            Assert.False((await queue.ExistsAsync()).Value);

            await RunAsync(new PoisonQueueCreator(queue, log));
            Assert.True((await queue.ExistsAsync()).Value);
            await queue.SendMessageAsync("kept");

            await RunAsync(new PoisonQueueCreator(queue, log));
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal([LogLevel.Information], log.Entries.Select(e => e.Level)); // created once, no warnings
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Storage_that_is_down_gives_a_warning_and_does_not_stop_the_worker()
    {
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        var queue = new QueueClient(new Uri("http://127.0.0.1:9/devstoreaccount1/poison-unreachable"), options);
        var log = new ListLogger<PoisonQueueCreator>();

        await RunAsync(new PoisonQueueCreator(queue, log));

        var warning = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("poison queue", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_creates_the_queue_the_host_polls_in_the_account_it_uses()
    {
        var host = new ContentTestHost(); // built, never initialised: nothing is created in storage
        using var built = host.Host;
        var creator = Assert.Single(built.Services.GetServices<IHostedService>().OfType<PoisonQueueCreator>());
        Assert.Equal(FunctionApp.Functions.RecordPoisonedDocument.PoisonQueue, creator.QueueName);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
