namespace Pipeline.Storage.Costs;

/// <summary>
/// A replacement committed while a full scan of <c>costs</c> streamed, so the rows read may mix two versions of a window.
/// Discard what was read and read again (the export does).
/// </summary>
public sealed class CostsChangedDuringReadException()
    : InvalidOperationException("The costs table changed while it was read (a replacement committed); the rows read may mix two versions. Read again.");
