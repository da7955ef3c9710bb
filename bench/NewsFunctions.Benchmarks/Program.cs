using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NewsFunctions.Benchmarks;

// Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- --filter '*' --job short
var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());
BenchmarkSwitcher.FromAssembly(typeof(CorpusBenchmarks).Assembly).Run(args, config);
