using BenchmarkDotNet.Running;

namespace VendorRisk.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (<c>--filter *Import*</c>, <c>--list flat</c>…), or the
/// autosave load scenario (<c>autosave-load</c>); see docs/performance.md.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "autosave-load")
        {
            return await AutosaveLoad.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
