namespace Pipeline.Connectors.Focus;

/// <summary>
/// Picks the files of the latest complete export run. Cost Management writes each run of an export into its own folder
/// (<c>.../{export}/{yyyyMMdd-yyyyMMdd}/{runId}/part_*.csv.gz</c>) and writes that folder's <c>manifest.json</c> last.
/// When data is not overwritten, several runs of one period sit side by side and reading them all would count the
/// period twice. So within a period folder whose run folders carry manifests, only the run with the newest manifest
/// is read, and run folders without a manifest (a run still being written) are skipped. Files in folders without
/// manifest siblings are read as before.
/// </summary>
public static class ExportRunSelector
{
    public const string ManifestName = "manifest.json";

    /// <summary>The data files to read, from every listed path ('/'-separated) and the last-modified time of each manifest.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<(string Path, DateTimeOffset? Modified)> listing)
    {
        var entries = listing.ToList();
        var manifests = entries.Where(e => IsManifest(e.Path)).ToDictionary(e => Folder(e.Path), e => e.Modified ?? DateTimeOffset.MinValue, StringComparer.Ordinal);
        var latestRunPerPeriod = manifests
            .GroupBy(m => Folder(m.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.Value).ThenByDescending(m => m.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal);

        return entries.Where(e => FocusFileNames.IsDataFile(e.Path)).Select(e => e.Path).Where(path =>
        {
            var run = Folder(path);
            return run.Length == 0 || latestRunPerPeriod.ContainsKey(run)
                || !latestRunPerPeriod.TryGetValue(Folder(run), out var latest) || string.Equals(run, latest, StringComparison.Ordinal);
        }).Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsManifest(string path) => path.EndsWith("/" + ManifestName, StringComparison.OrdinalIgnoreCase) || path.Equals(ManifestName, StringComparison.OrdinalIgnoreCase);

    private static string Folder(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
