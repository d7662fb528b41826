namespace Pipeline.Connectors.Common;

/// <summary>Counts calls to APIs that charge per request (Cost Explorer: $0.01 a call, each page included) for the runs table.</summary>
public sealed class PaidCallCounter
{
    private int _count;

    public int Count => _count;

    public void Increment() => Interlocked.Increment(ref _count);
}
