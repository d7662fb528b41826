using Azure.Data.Tables;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Tables;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests.Costs;

/// <summary>Window replacement against a real Azurite table.</summary>
public class CostStoreTests
{
    private readonly PipelineTables _tables = TestStorage.Tables(TestStorage.NewPrefix());

    private readonly InstantTimeProvider _time = new(TestClock.Now);

    private CostStore Store => new(_tables, _time);

    [Fact]
    public async Task Replaying_the_same_window_twice_leaves_the_table_unchanged()
    {
        var rows = CostRows.March();
        await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run-1", TestClock.Now);
        var before = await SnapshotAsync();

        var result = await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run-2", TestClock.Now);

        result.Should().Be(new ReplaceResult(0, 0, 31));
        var after = await SnapshotAsync();
        after.Should().BeEquivalentTo(before, "not even the ETag or x_RunId of an unchanged row moves");
    }

    [Fact]
    public async Task A_second_source_for_the_same_account_and_days_is_refused_and_nothing_is_written()
    {
        var fromExport = CostRows.March();
        await Store.ReplaceAsync(fromExport, CostRows.Scopes(fromExport), "run-1", TestClock.Now);
        var fromApi = CostRows.March().Select(r => r with { Source = "azure-cost-management", SourceKind = "api" }).ToList();

        var act = () => Store.ReplaceAsync(fromApi, ReplacementScopes.ForBillingPeriods(fromApi, "azure-cost-management"), "run-2", TestClock.Now);

        (await act.Should().ThrowAsync<CostSourceConflictException>()).WithMessage("*already has costs from 'focus-exports'*count them twice*./run.sh costs remove --source focus-exports*");
        (await ReadAllAsync()).Should().HaveCount(31).And.OnlyContain(r => r.Source == "focus-exports");
    }

    [Fact]
    public async Task Removing_one_source_is_always_allowed_and_then_the_other_may_write()
    {
        var fromExport = CostRows.March();
        await Store.ReplaceAsync(fromExport, CostRows.Scopes(fromExport), "run-1", TestClock.Now);
        var fromApi = CostRows.March().Select(r => r with { Source = "azure-cost-management", SourceKind = "api" }).ToList();

        await Store.ReplaceAsync([], CostRows.Scopes(fromExport), "remove", TestClock.Now);
        var result = await Store.ReplaceAsync(fromApi, ReplacementScopes.ForBillingPeriods(fromApi, "azure-cost-management"), "run-2", TestClock.Now);

        result.Upserted.Should().Be(31);
        (await ReadAllAsync()).Should().OnlyContain(r => r.Source == "azure-cost-management");
    }

    [Fact]
    public async Task A_restated_day_is_updated_in_place()
    {
        var rows = CostRows.March();
        await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run-1", TestClock.Now);
        rows[9] = rows[9] with { BilledCost = 999.99m, EffectiveCost = 888.88m };

        var result = await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run-2", TestClock.Now);

        result.Should().Be(new ReplaceResult(1, 0, 30));
        var stored = await ReadAllAsync();
        stored.Should().HaveCount(31);
        stored.Single(r => r.ChargePeriodStart == new DateOnly(2025, 3, 10)).BilledCost.Should().Be(999.99m);
    }

    [Fact]
    public async Task A_row_that_disappeared_from_the_source_is_deleted()
    {
        var rows = CostRows.March().Concat(CostRows.March(service: "Storage")).ToList();
        await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run-1", TestClock.Now);
        var restated = rows.Where(r => !(r.ServiceName == "Storage" && r.ChargePeriodStart.Day == 15)).ToList();

        var result = await Store.ReplaceAsync(restated, CostRows.Scopes(restated), "run-2", TestClock.Now);

        result.Deleted.Should().Be(1);
        (await ReadAllAsync()).Should().HaveCount(61).And.NotContain(r => r.ServiceName == "Storage" && r.ChargePeriodStart.Day == 15);
    }

    [Fact]
    public async Task An_empty_pull_of_a_window_deletes_only_that_window_of_that_source()
    {
        var march = CostRows.March();
        var april = Enumerable.Range(1, 30).Select(d => CostRows.Row(new DateOnly(2025, 4, d), 1m)).ToList();
        // Another source may not share this account's days (that would double count), so it writes another account.
        var other = CostRows.March().Select(r => r with { Source = "aws-cost-explorer", BillingAccountId = "acct-2" }).ToList();
        await Store.ReplaceAsync(march.Concat(april).ToList(), CostRows.Scopes(march.Concat(april)), "run-1", TestClock.Now);
        await Store.ReplaceAsync(other, ReplacementScopes.ForBillingPeriods(other, "aws-cost-explorer"), "run-1", TestClock.Now);

        var scope = new ReplacementScope("focus-exports", "Microsoft", "acct/1#x?", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), new DateOnly(2025, 3, 1));
        var result = await Store.ReplaceAsync([], [scope], "run-2", TestClock.Now);

        result.Deleted.Should().Be(31);
        var stored = await ReadAllAsync();
        stored.Should().HaveCount(61, "30 April rows of this source and 31 March rows of the other source and account remain");
        stored.Where(r => r.Source == "focus-exports").Should().OnlyContain(r => r.ChargePeriodStart.Month == 4);
    }

    [Fact]
    public async Task Two_concurrent_ingests_of_the_same_window_converge()
    {
        var first = CostRows.March();
        await Store.ReplaceAsync(first, CostRows.Scopes(first), "run-0", TestClock.Now);
        var restated = first.Where(r => r.ChargePeriodStart.Day % 3 != 0).Select(r => r with { BilledCost = r.BilledCost + 1 }).ToList();

        await Task.WhenAll(
            Store.ReplaceAsync(restated, CostRows.Scopes(restated), "run-a", TestClock.Now),
            Store.ReplaceAsync(restated, CostRows.Scopes(restated), "run-b", TestClock.Now),
            Store.ReplaceAsync(restated, CostRows.Scopes(restated), "run-c", TestClock.Now));

        var stored = await ReadAllAsync();
        stored.Select(r => (r.ChargePeriodStart, r.BilledCost)).Should().BeEquivalentTo(restated.Select(r => (r.ChargePeriodStart, r.BilledCost)));
    }

    [Fact]
    public async Task A_row_outside_every_scope_is_refused_before_anything_is_written()
    {
        var rows = CostRows.March();
        var narrow = new ReplacementScope("focus-exports", "Microsoft", "acct/1#x?", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 2));

        var act = () => Store.ReplaceAsync(rows, [narrow], "run", TestClock.Now);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*outside every replacement scope*");
        (await ReadAllAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task More_rows_than_one_transaction_holds_are_written_in_batches()
    {
        var rows = Enumerable.Range(0, 250).Select(i => CostRows.Row(new DateOnly(2025, 3, 1 + (i % 31)), i, service: $"svc-{i}")).ToList();

        var result = await Store.ReplaceAsync(rows, CostRows.Scopes(rows), "run", TestClock.Now);

        result.Upserted.Should().Be(250);
        (await ReadAllAsync()).Sum(r => r.BilledCost).Should().Be(rows.Sum(r => r.BilledCost));
    }

    [Fact]
    public async Task A_full_scan_during_which_a_replacement_commits_ends_with_a_clear_error_instead_of_a_mixed_result()
    {
        var march = CostRows.March();
        await Store.ReplaceAsync(march, CostRows.Scopes(march), "run-1", TestClock.Now);
        var restated = march.Select(r => r with { BilledCost = r.BilledCost + 1 }).ToList();
        var read = 0;

        var act = async () =>
        {
            await foreach (var row in Store.QueryAsync())
            {
                if (read++ == 0)
                {
                    await Store.ReplaceAsync(restated, CostRows.Scopes(restated), "run-2", TestClock.Now);
                }
            }
        };

        await act.Should().ThrowAsync<CostsChangedDuringReadException>();
        read.Should().Be(31, "the scan streamed, then its end check caught the commit");
    }

    private async Task<List<CostRow>> ReadAllAsync()
    {
        var rows = new List<CostRow>();
        await foreach (var row in Store.QueryAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<(string, string, string, string?)>> SnapshotAsync()
    {
        var table = await _tables.GetAsync(PipelineTables.Costs);
        var entities = new List<(string, string, string, string?)>();
        await foreach (var e in table.QueryAsync<TableEntity>())
        {
            entities.Add((e.PartitionKey, e.RowKey, e.ETag.ToString(), e.GetString("x_RunId")));
        }

        return entities;
    }
}
