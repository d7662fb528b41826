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

    [Fact]
    public void Overwritten_exports_with_the_manifest_in_each_period_folder_keep_every_month()
    {
        // One manifest per period folder, no run folder: grouping manifests by their parent would keep one month only.
        var selected = ExportRunSelector.Select(
        [
            ("exports/focus-daily/20240901-20240930/part_0_0001.parquet", T0), ("exports/focus-daily/20240901-20240930/manifest.json", T0),
            ("exports/focus-daily/20241001-20241031/part_0_0001.parquet", T0.AddDays(30)), ("exports/focus-daily/20241001-20241031/manifest.json", T0.AddDays(30)),
        ]);

        selected.Should().Equal("exports/focus-daily/20240901-20240930/part_0_0001.parquet", "exports/focus-daily/20241001-20241031/part_0_0001.parquet");
    }

    [Fact]
    public void Exports_without_manifests_read_the_newest_run_file_of_each_period()
    {
        var selected = ExportRunSelector.Select(
        [
            ("costs/daily/20240901-20240930/daily_1b4e28ba-2fa1-11d2-883f-0016d3cca427.csv", T0),
            ("costs/daily/20240901-20240930/daily_6fa459ea-ee8a-3ca4-894e-db77e160355e.csv", T0.AddDays(1)),
            ("costs/daily/20241001-20241031/daily_0f8fad5b-d9cb-469f-a165-70867728950e.csv", T0),
        ]);

        selected.Should().Equal(["costs/daily/20240901-20240930/daily_6fa459ea-ee8a-3ca4-894e-db77e160355e.csv", "costs/daily/20241001-20241031/daily_0f8fad5b-d9cb-469f-a165-70867728950e.csv"],
            "two runs of September side by side would count it twice");
    }

    [Theory]
    [InlineData("focus/20240901-20240930/aaaa/extra/part_0_0001.csv.gz", "a data file one folder deeper than its run's manifest.")]
    [InlineData("focus/20240901-20240930/part_0_0001.csv.gz", "a data file directly in the billing-period folder, beside run folders that have manifests.")]
    public void A_data_file_one_level_off_its_runs_manifest_is_refused_naming_it(string stray, string reason)
    {
        var act = () => ExportRunSelector.Select(
        [
            ("focus/20240901-20240930/aaaa/part_0_0001.csv.gz", T0), ("focus/20240901-20240930/aaaa/manifest.json", T0), (stray, T0),
        ]);

        act.Should().Throw<ExportLayoutException>().Which.Should().Match<ExportLayoutException>(e => e.Path == stray && e.Message.Contains(reason));
    }

    [Fact]
    public void Manifests_at_two_depths_of_one_period_are_refused()
    {
        var act = () => ExportRunSelector.Select(
        [
            ("focus/20240901-20240930/manifest.json", T0), ("focus/20240901-20240930/part_0_0001.csv.gz", T0),
            ("focus/20240901-20240930/aaaa/manifest.json", T0), ("focus/20240901-20240930/aaaa/part_0_0001.csv.gz", T0),
        ]);

        act.Should().Throw<ExportLayoutException>().WithMessage("'focus/20240901-20240930': manifests both in the billing-period folder and in run folders below it.*");
    }

    [Fact]
    public void A_manifest_two_levels_below_its_period_is_refused()
    {
        var act = () => ExportRunSelector.Select(
        [
            ("focus/20240901-20240930/aaaa/x/manifest.json", T0), ("focus/20240901-20240930/aaaa/x/part_0_0001.csv.gz", T0),
        ]);

        act.Should().Throw<ExportLayoutException>().Which.Path.Should().Be("focus/20240901-20240930/aaaa/x/manifest.json");
    }
}
