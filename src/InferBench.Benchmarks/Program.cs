using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(InferBench.Benchmarks.HarnessOverheadBenchmarks).Assembly).Run(args);
