using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Commitments;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Evaluation;

/// <summary>Seeds costs and commitments into a private Azurite prefix through the production services.</summary>
internal static class EvaluationFixture
{
    public static IHost Host(IDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null) =>
        PipelineTestHost.Create(TestStorage.NewPrefix(), settings, time, services: services);

    public static async Task SeedDailyCostsAsync(IHost host, string provider, string account, DateOnly from, DateOnly toInclusive, decimal perDay,
        string currency = "USD", string service = "Virtual Machines")
    {
        var rows = new List<CostRow>();
        for (var day = from; day <= toInclusive; day = day.AddDays(1))
        {
            var period = new DateOnly(day.Year, day.Month, 1);
            rows.Add(new CostRow
            {
                ChargePeriodStart = day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = provider, BillingAccountId = account,
                ServiceName = service, ServiceCategory = "Compute", ChargeCategory = "Usage", BillingCurrency = currency, BilledCost = perDay * 1.1m,
                EffectiveCost = perDay, SourceKind = "export", Source = $"test-{currency}",
            });
        }

        await host.Services.GetRequiredService<CostStore>().ReplaceAsync(rows, ReplacementScopes.ForBillingPeriods(rows, $"test-{currency}"), "seed", TestClock.Now);
    }

    public static Task ImportAsync(IHost host, string id, string name, string provider, string start, string end, decimal amount,
        string currency = "USD", string owners = "\"finops@example.com\"") =>
        host.Services.GetRequiredService<CommitmentImport>().ImportAsync($$"""
            { "commitments": [ { "id": "{{id}}", "name": {{System.Text.Json.JsonSerializer.Serialize(name)}}, "provider": "{{provider}}", "category": "Spend",
              "currency": "{{currency}}", "periods": [ { "start": "{{start}}", "end": "{{end}}", "amount": {{amount}} } ], "owners": [{{owners}}] } ] }
            """);
}
