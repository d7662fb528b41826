using System.Text.RegularExpressions;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Picks the files of the latest complete export run of each billing period. Cost Management writes each run of an
/// export into its own folder under the period (<c>{directory}/{export}/{yyyyMMdd-yyyyMMdd}/{runId}/part_*.csv.gz</c>)
/// and writes that folder's <c>manifest.json</c> last. When data is not overwritten, several runs of one period sit side
/// by side and reading them all would count the period twice; so per period folder only the run with the newest
/// manifest is read and a run folder without a manifest (still being written) is skipped. A manifest directly in the
/// period folder is a run of its own. Older (non-manifest) exports write <c>{export}_{guid}.csv</c> per run into the
/// period folder: the newest of those is read. Any other shape under a period folder (data one level above or below
/// its run's manifest, manifests at two depths) is refused with <see cref="ExportLayoutException"/>. Paths without a
/// period folder are read as before: whole folders, or the newest manifest's run among sibling run folders.
/// </summary>
public static partial class ExportRunSelector
{
    public const string ManifestName = "manifest.json";

    /// <summary>The data files to read, from every listed path ('/'-separated) and the last-modified time of each.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<(string Path, DateTimeOffset? Modified)> listing)
    {
        var entries = listing.ToList();
        var modified = entries.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => e.Modified ?? DateTimeOffset.MinValue), StringComparer.Ordinal);
        var manifests = entries.Where(e => IsManifest(e.Path)).Select(e => e.Path).Distinct(StringComparer.Ordinal).ToList();

        // When each run folder's manifest was written: the newest one per period (or parent) is the run to read.
        var written = manifests.GroupBy(Folder, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(m => modified[m]), StringComparer.Ordinal);
        var data = entries.Where(e => FocusFileNames.IsDataFile(e.Path)).Select(e => e.Path).Distinct(StringComparer.Ordinal).ToList();

        var selected = new List<string>();
        foreach (var period in data.GroupBy(Period, StringComparer.Ordinal))
        {
            selected.AddRange(period.Key.Length == 0
                ? WithoutPeriod([.. period], manifests.Where(m => Period(m).Length == 0).ToList(), written)
                : InPeriod(period.Key, [.. period], manifests.Where(m => string.Equals(Period(m), period.Key, StringComparison.Ordinal)).ToList(), modified, written));
        }

        return selected.Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> InPeriod(string period, IReadOnlyList<string> files, IReadOnlyList<string> manifests, IReadOnlyDictionary<string, DateTimeOffset> modified,
        IReadOnlyDictionary<string, DateTimeOffset> written)
    {
        if (manifests.Count == 0)
        {
            // Exports before manifests: one file per run, named {export}_{guid}, beside the previous runs' files.
            var runs = files.Where(f => Folder(f) == period && RunFile().IsMatch(FileName(f))).ToList();
            var newest = runs.OrderByDescending(f => modified[f]).ThenByDescending(f => f, StringComparer.Ordinal).FirstOrDefault();
            return files.Where(f => !runs.Contains(f) || f == newest);
        }

        var runFolders = manifests.Select(Folder).Distinct(StringComparer.Ordinal).ToList();
        var depths = runFolders.Select(r => r == period ? 0 : Folder(r) == period ? 1 : 2).Distinct().ToList();
        if (depths.Contains(2))
        {
            var deep = manifests.First(m => Folder(m) != period && Folder(Folder(m)) != period);
            throw new ExportLayoutException(deep, "a manifest two or more folders below its billing-period folder.");
        }

        if (depths.Count > 1)
        {
            throw new ExportLayoutException(period, "manifests both in the billing-period folder and in run folders below it.");
        }

        var latest = runFolders.OrderByDescending(r => written[r]).ThenByDescending(r => r, StringComparer.Ordinal).First();
        foreach (var file in files)
        {
            var run = Folder(file);
            var runDepth = run == period ? 0 : Folder(run) == period ? 1 : 2;
            if (runDepth != depths[0])
            {
                throw new ExportLayoutException(file, runDepth > depths[0]
                    ? "a data file one folder deeper than its run's manifest."
                    : "a data file directly in the billing-period folder, beside run folders that have manifests.");
            }
        }

        // Run folders without a manifest are runs still being written: skipped, as are the older complete runs.
        return files.Where(f => Folder(f) == latest);
    }

    private static IEnumerable<string> WithoutPeriod(IReadOnlyList<string> files, IReadOnlyList<string> manifests, IReadOnlyDictionary<string, DateTimeOffset> written)
    {
        var runFolders = manifests.Select(Folder).ToHashSet(StringComparer.Ordinal);
        var latestRunPerParent = runFolders.GroupBy(Folder, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => written[r]).ThenByDescending(r => r, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        return files.Where(path =>
        {
            var run = Folder(path);
            return run.Length == 0 || (runFolders.Contains(run) ? latestRunPerParent[Folder(run)] == run : !latestRunPerParent.ContainsKey(Folder(run)));
        });
    }

    /// <summary>The path up to and including its innermost <c>yyyyMMdd-yyyyMMdd</c> folder, or empty.</summary>
    private static string Period(string path)
    {
        var segments = path.Split('/');
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (PeriodFolder().IsMatch(segments[i]))
            {
                return string.Join('/', segments[..(i + 1)]);
            }
        }

        return string.Empty;
    }

    private static bool IsManifest(string path) => FileName(path).Equals(ManifestName, StringComparison.OrdinalIgnoreCase);

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Folder(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    [GeneratedRegex(@"^\d{8}-\d{8}$")]
    private static partial Regex PeriodFolder();

    // {export}_{guid}.csv[.gz] of exports without manifests.
    [GeneratedRegex(@"_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.csv(\.gz)?$")]
    private static partial Regex RunFile();
}
