namespace Pipeline.Storage.Costs;

/// <summary>What a window replacement changed: rows written, deleted, and found already identical.</summary>
public readonly record struct ReplaceResult(int Upserted, int Deleted, int Unchanged);
