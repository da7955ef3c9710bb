using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NewsFunctions.Benchmarks;

// Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- --filter '*' --job short
// Or: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- interleaved [rounds] (ours and SmartReader alternating; see Interleaved)
// Or: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- shortened A|B [--verbose] (short articles on real templates; see ShortArticles)
if (args.Length > 0 && args[0] == "interleaved")
{
    Interleaved.Run(args.Length > 1 && int.TryParse(args[1], out var rounds) ? rounds : 15);
    return;
}
if (args.Length > 1 && args[0] == "shortened")
{
    ShortArticles.Run(args[1].ToUpperInvariant(), args.Contains("--verbose"));
    return;
}
var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());
BenchmarkSwitcher.FromAssembly(typeof(CorpusBenchmarks).Assembly).Run(args, config);
