using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Application;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Core.Evaluations;
using Pipeline.Core.Runs;
using Pipeline.Functions.Ingestion;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests.Ingestion;

/// <summary>The function class invoked directly (no Functions host here) over the production services on Azurite.</summary>
public sealed class IngestFocusExportsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fn-test-").FullName;

    [Fact]
    public async Task Each_configured_location_is_ingested_and_a_failing_one_does_not_stop_the_others()
    {
        var good = Path.Combine(_folder, "good.csv");
        await File.WriteAllTextAsync(good,
            "ProviderName,BillingAccountId,ChargeCategory,BillingCurrency,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost\n"
            + "Oracle,ocid1.tenancy.oc1..x,Usage,USD,2025-06-03T00:00:00Z,2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,12.5,12.5\n");
        var bad = Path.Combine(_folder, "missing.csv.gz");
        using var host = Host(bad, good);
        var function = new IngestFocusExports(
            host.Services.GetRequiredService<FocusExportIngestion>(),
            host.Services.GetRequiredService<IOptions<FocusExportOptions>>(),
            NullLogger<IngestFocusExports>.Instance);

        var messages = await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var request = EvaluationRequest.FromJson(messages.Should().ContainSingle().Subject);
        (request.Kind, request.ProviderName, request.BillingAccountId).Should().Be(("costs", "Oracle", "ocid1.tenancy.oc1..x"));
        var runs = new List<RunRecord>();
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(10))
        {
            runs.Add(run);
        }

        runs.Select(r => r.Status).Should().BeEquivalentTo([RunStatus.Failed, RunStatus.Succeeded]);
    }

    [Fact]
    public async Task When_every_location_fails_the_invocation_fails_instead_of_reporting_success()
    {
        using var host = Host(Path.Combine(_folder, "missing-1.csv"), Path.Combine(_folder, "missing-2.csv"));
        var function = new IngestFocusExports(host.Services.GetRequiredService<FocusExportIngestion>(),
            host.Services.GetRequiredService<IOptions<FocusExportOptions>>(), NullLogger<IngestFocusExports>.Instance);

        var act = () => function.RunAsync(new TimerInfo(), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("All 2 FOCUS export location(s) failed*");
    }

    [Fact]
    public async Task No_configured_location_means_no_messages()
    {
        using var host = Host();
        var function = new IngestFocusExports(host.Services.GetRequiredService<FocusExportIngestion>(),
            host.Services.GetRequiredService<IOptions<FocusExportOptions>>(), NullLogger<IngestFocusExports>.Instance);

        (await function.RunAsync(new TimerInfo(), CancellationToken.None)).Should().BeEmpty();
    }

    private static IHost Host(params string[] sources)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = TestStorage.NewPrefix(),
        };
        for (var i = 0; i < sources.Length; i++)
        {
            settings[$"FocusExports:Sources:{i}"] = sources[i];
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPipeline();
        return builder.Build();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
