namespace Pipeline.Connectors.Focus;

/// <summary>Progress of a read: the current file, its bytes consumed so far, and rows read in all files.</summary>
public readonly record struct FocusReadProgress(string File, long BytesRead, long? FileLength, long RowsRead);
