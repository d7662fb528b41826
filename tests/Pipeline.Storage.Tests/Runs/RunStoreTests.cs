using Pipeline.Core.Runs;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests.Runs;

public class RunStoreTests
{
    [Fact]
    public async Task Runs_are_listed_newest_first_and_keep_their_counts()
    {
        var store = new RunStore(TestStorage.Tables(TestStorage.NewPrefix()));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            await store.RecordAsync(new RunRecord
            {
                RunId = $"run-{i}", Source = "focus-exports", Status = i == 2 ? RunStatus.Failed : RunStatus.Succeeded,
                StartedAt = t0.AddHours(i), FinishedAt = t0.AddHours(i).AddSeconds(3), RowsRead = 10 * i, RowsUpserted = i, Error = i == 2 ? "bad file" : null,
            });
        }

        var runs = new List<RunRecord>();
        await foreach (var run in store.ListRecentAsync(5))
        {
            runs.Add(run);
        }

        runs.Select(r => r.RunId).Should().Equal("run-2", "run-1", "run-0");
        runs[0].Status.Should().Be(RunStatus.Failed);
        runs[0].Error.Should().Be("bad file");
        runs[1].RowsRead.Should().Be(10);
        runs[1].Duration.Should().Be(TimeSpan.FromSeconds(3));
    }
}
