using BenchmarkDotNet.Running;

namespace VendorRisk.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (<c>--filter *Import*</c>, <c>--list flat</c>…); see docs/performance.md.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
