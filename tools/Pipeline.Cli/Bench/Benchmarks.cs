namespace Pipeline.Cli.Bench;

internal static class Benchmarks
{
    public static Task<int> RunAsync(int rows, int writes, CancellationToken cancellationToken) => Task.FromResult(2);
}
