using System.Diagnostics;

namespace Pipeline.Cli.Bench;

/// <summary>Samples the managed heap and the process working set while a measured step runs; keeps the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(false));
                process.Refresh();
                PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, process.WorkingSet64);
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long PeakManagedBytes { get; private set; }

    public long PeakWorkingSetBytes { get; private set; }

    public static MemorySampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySampler();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
