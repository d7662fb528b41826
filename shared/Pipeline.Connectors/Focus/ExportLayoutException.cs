namespace Pipeline.Connectors.Focus;

/// <summary>
/// An export folder laid out in a way the reader does not know for certain (a run folder too deep or too shallow, a
/// manifest beside another run's files): refused, naming the path, rather than read as extra billing periods (counted
/// twice) or as one (months lost). Nothing is ingested from that source.
/// </summary>
public sealed class ExportLayoutException(string path, string reason)
    : Exception($"'{path}': {reason} Expected Cost Management's layout {{directory}}/{{export}}/{{yyyyMMdd-yyyyMMdd}}/{{runId}}/ with manifest.json beside the run's part files (docs/azure.md, FOCUS exports).")
{
    public string Path { get; } = path;
}
