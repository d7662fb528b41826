namespace Pipeline.Connectors.Focus;

/// <summary>One export file: a display name (path or blob URL, never with credentials) and a way to open it.</summary>
public sealed record FocusFile(string Name, long? Length, Func<CancellationToken, Task<Stream>> OpenAsync);
