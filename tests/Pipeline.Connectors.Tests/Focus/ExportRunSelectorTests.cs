using Pipeline.Connectors.Focus;

namespace Pipeline.Connectors.Tests.Focus;

public class ExportRunSelectorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 10, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_run_with_the_newest_manifest_is_read_per_period_and_unfinished_runs_are_skipped()
    {
        var selected = ExportRunSelector.Select(
        [
            ("focus/20240901-20240930/aaaa/part_0_0001.csv.gz", T0.AddDays(1)),
            ("focus/20240901-20240930/aaaa/manifest.json", T0.AddDays(1)),
            ("focus/20240901-20240930/bbbb/part_0_0001.csv.gz", T0),
            ("focus/20240901-20240930/bbbb/part_0_0002.csv.gz", T0),
            ("focus/20240901-20240930/bbbb/manifest.json", T0),
            ("focus/20240901-20240930/cccc/part_0_0001.csv.gz", T0.AddDays(2)),
            ("focus/20241001-20241031/dddd/part_0_0001.parquet", T0),
            ("focus/20241001-20241031/dddd/manifest.json", T0),
        ]);

        selected.Should().Equal("focus/20240901-20240930/aaaa/part_0_0001.csv.gz", "focus/20241001-20241031/dddd/part_0_0001.parquet");
    }

    [Fact]
    public void Folders_without_manifests_are_read_whole()
    {
        var selected = ExportRunSelector.Select(
        [
            ("BILLING_PERIOD=2024-09/part-0.csv", T0), ("BILLING_PERIOD=2024-09/part-1.csv", T0), ("top.csv", T0), ("notes.txt", T0),
        ]);

        selected.Should().Equal("BILLING_PERIOD=2024-09/part-0.csv", "BILLING_PERIOD=2024-09/part-1.csv", "top.csv");
    }

    [Fact]
    public void A_manifest_beside_its_data_and_files_at_the_top_are_kept()
    {
        var selected = ExportRunSelector.Select([("a/part.csv", T0), ("a/manifest.json", T0), ("b.csv", T0)]);

        selected.Should().Equal("a/part.csv", "b.csv");
    }
}
