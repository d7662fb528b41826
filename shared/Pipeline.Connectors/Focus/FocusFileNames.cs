namespace Pipeline.Connectors.Focus;

internal static class FocusFileNames
{
    private static readonly string[] s_extensions = [".csv", ".csv.gz", ".gz", ".parquet", ".snappy.parquet", ".gz.parquet"];

    /// <summary>Data files of an export; manifests and other metadata are skipped.</summary>
    public static bool IsDataFile(string name) =>
        s_extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
