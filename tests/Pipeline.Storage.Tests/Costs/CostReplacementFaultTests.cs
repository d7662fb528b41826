using Azure.Data.Tables;
using Pipeline.Core.Costs;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Tables;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests.Costs;

/// <summary>
/// Window replacement under injected storage faults, against Azurite: a restatement that moves 150 rows (total 1,500)
/// to new dimension keys, broken at every batch position, before or after the batch reached storage, once or for good.
/// Whatever breaks, a reader sees the window wholly old or wholly new, never 2,500 or a part, and the next run or reader
/// finishes what was journaled.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public class CostReplacementFaultTests
{
    private static readonly DateOnly[] s_days = [new(2025, 3, 10), new(2025, 3, 11), new(2025, 3, 12)];
    private readonly InstantTimeProvider _time = new(TestClock.Now);

    private static List<CostRow> Rows(string servicePrefix) =>
        s_days.SelectMany(day => Enumerable.Range(0, 50).Select(i => CostRows.Row(day, 10m, service: $"{servicePrefix}-{i}"))).ToList();

    [Fact]
    public async Task A_restatement_broken_at_any_batch_is_seen_whole_before_or_after_and_finished_later()
    {
        var batches = await CountBatchesAsync();
        batches.Should().BeGreaterThanOrEqualTo(3, "the restatement spans several transactions, or this test proves little");

        foreach (var (afterSend, times, dies) in new[] { (false, 1, false), (true, 1, false), (false, 99, false), (true, 99, true), (false, 99, true) })
        {
            for (var position = 1; position <= batches; position++)
            {
                var because = $"with batch attempt {position} of {batches} failing {(afterSend ? "after" : "before")} reaching storage, {times}x{(dies ? ", then the process dying" : string.Empty)}";
                var prefix = TestStorage.NewPrefix();
                var clean = new CostStore(TestStorage.Tables(prefix), _time);
                var old = Rows("old");
                await clean.ReplaceAsync(old, CostRows.Scopes(old), "seed", TestClock.Now);
                var policy = new BatchFaultPolicy { FailFrom = position, Times = times, AfterSend = afterSend, ThenEverything = dies };
                var faulty = new CostStore(TestStorage.Tables(prefix, BatchFaultPolicy.Options(policy)), _time);
                var restated = Rows("new");

                Exception? failure = null;
                try
                {
                    await faulty.ReplaceAsync(restated, CostRows.Scopes(restated), "restate", TestClock.Now);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                var seen = await ReadAllAsync(clean);
                seen.Sum(r => r.BilledCost).Should().Be(1500m, because);
                seen.Select(r => r.ServiceName![..3]).Distinct().Should().ContainSingle(because + ": never a mix of the old and the new window");
                if (failure is null)
                {
                    seen.Should().OnlyContain(r => r.ServiceName!.StartsWith("new", StringComparison.Ordinal), because + ": the run reported success");
                }

                var rerun = await clean.ReplaceAsync(restated, CostRows.Scopes(restated), "rerun", TestClock.Now);
                var final = await ReadAllAsync(clean);
                (final.Count, final.Sum(r => r.BilledCost), final.All(r => r.ServiceName!.StartsWith("new", StringComparison.Ordinal))).Should().Be((150, 1500m, true), because);
                var finishedBefore = seen.All(r => r.ServiceName!.StartsWith("new", StringComparison.Ordinal));
                (rerun.Upserted, rerun.Deleted).Should().Be(finishedBefore ? (0, 0) : (150, 150), because + ": a re-run applies exactly what was not applied");
                (await PendingHeadsAsync(prefix)).Should().Be(0, because);
            }
        }
    }

    [Fact]
    public async Task Readers_during_a_slow_replacement_see_the_old_or_the_new_window_never_both()
    {
        var prefix = TestStorage.NewPrefix();
        var time = new SteadyTimeProvider();
        var clean = new CostStore(TestStorage.Tables(prefix), time);
        var old = Rows("old");
        await clean.ReplaceAsync(old, CostRows.Scopes(old), "seed", TestClock.Now);
        var slow = new CostStore(TestStorage.Tables(prefix, BatchFaultPolicy.Options(new BatchFaultPolicy { Delay = TimeSpan.FromMilliseconds(150) })), time);
        var restated = Rows("new");

        var writer = slow.ReplaceAsync(restated, CostRows.Scopes(restated), "slow", TestClock.Now);
        var reads = new List<(int Count, decimal Total, int Versions)>();
        while (!writer.IsCompleted)
        {
            var rows = new List<CostRow>();
            await foreach (var row in clean.QueryProviderAsync("Microsoft", s_days[0], s_days[^1]))
            {
                rows.Add(row);
            }

            reads.Add((rows.Count, rows.Sum(r => r.BilledCost), rows.Select(r => r.ServiceName![..3]).Distinct().Count()));
        }

        await writer;
        reads.Should().NotBeEmpty().And.OnlyContain(r => r.Count == 150 && r.Total == 1500m && r.Versions == 1, "each read is one committed version of the window");
        (await ReadAllAsync(clean)).Should().OnlyContain(r => r.ServiceName!.StartsWith("new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_sources_writing_the_same_account_and_days_at_once_cannot_both_pass_the_one_source_check()
    {
        for (var round = 0; round < 5; round++)
        {
            var tables = TestStorage.Tables(TestStorage.NewPrefix());
            var export = CostRows.March().Select(r => r with { BilledCost = 1m, EffectiveCost = 1m }).ToList();
            var api = export.Select(r => r with { Source = "azure-cost-management", SourceKind = "api" }).ToList();
            var first = new CostStore(tables, _time).ReplaceAsync(export, CostRows.Scopes(export), "export", TestClock.Now);
            var second = new CostStore(tables, _time).ReplaceAsync(api, Core.Ingestion.ReplacementScopes.ForBillingPeriods(api, "azure-cost-management"), "api", TestClock.Now);

            var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

            outcomes.Count(o => o is null).Should().Be(1, $"round {round}: exactly one source wins the account");
            outcomes.Should().ContainSingle(o => o is CostSourceConflictException);
            var stored = await ReadAllAsync(new CostStore(tables, _time));
            stored.Sum(r => r.BilledCost).Should().Be(31m, "one source's 31 days, not both");
            stored.Select(r => r.Source).Distinct().Should().ContainSingle();
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private async Task<int> CountBatchesAsync()
    {
        var prefix = TestStorage.NewPrefix();
        var clean = new CostStore(TestStorage.Tables(prefix), _time);
        var old = Rows("old");
        await clean.ReplaceAsync(old, CostRows.Scopes(old), "seed", TestClock.Now);
        var counter = new BatchFaultPolicy();
        var restated = Rows("new");
        await new CostStore(TestStorage.Tables(prefix, BatchFaultPolicy.Options(counter)), _time).ReplaceAsync(restated, CostRows.Scopes(restated), "count", TestClock.Now);
        return counter.Attempts;
    }

    private static async Task<List<CostRow>> ReadAllAsync(CostStore store)
    {
        var rows = new List<CostRow>();
        await foreach (var row in store.QueryAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<int> PendingHeadsAsync(string prefix)
    {
        var table = await TestStorage.Tables(prefix).GetAsync(PipelineTables.CostReplacements);
        var pending = 0;
        await foreach (var head in table.QueryAsync<TableEntity>(e => e.PartitionKey == "head"))
        {
            pending += head.GetString("PendingRunId") is null ? 0 : 1;
        }

        return pending;
    }
}
