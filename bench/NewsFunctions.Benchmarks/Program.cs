using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NewsFunctions.Benchmarks;

// Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- --filter '*' --job short
// Or: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- interleaved [rounds] (ours and SmartReader alternating; see Interleaved)
if (args.Length > 0 && args[0] == "interleaved")
{
    Interleaved.Run(args.Length > 1 && int.TryParse(args[1], out var rounds) ? rounds : 15);
    return;
}
var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());
BenchmarkSwitcher.FromAssembly(typeof(CorpusBenchmarks).Assembly).Run(args, config);
