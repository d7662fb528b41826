using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli.Demo;
using Pipeline.Simulators.Aws;
using Pipeline.Simulators.Azure;
using Pipeline.Simulators.Gcp;
using Pipeline.Simulators.Oci;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>./run.sh</c> with no arguments: generate the deterministic multi-cloud FOCUS demo (400 days ending
/// yesterday), ingest it through the production ingestion service, and print what landed.
/// </summary>
internal static class DemoCommand
{
    public const int Days = 400;

    public static async Task<int> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var firstDay = lastDay.AddDays(1 - Days);
        var generator = new SyntheticFocusGenerator(firstDay, Days, resourcesPerService: 3);

        // Every cloud comes through its real connector, from a loopback simulator of its API.
        await using var aws = await AwsSimulator.StartAsync(AwsDemoData.Create(generator, firstDay, lastDay, now), cancellationToken);
        await using var azure = await AzureSimulator.StartAsync(AzureDemoData.Create(generator, firstDay, lastDay), cancellationToken);
        await using var google = await GoogleSimulator.StartAsync(GoogleDemoData.Create(generator, firstDay, lastDay), cancellationToken);
        await using var oci = await OciSimulator.StartAsync(OciDemoData.Create(generator, firstDay, lastDay), time, cancellationToken);
        using var host = CliHost.Build(AwsSimulatorSettings(aws).Concat(AzureSimulatorSettings(azure)).Concat(GoogleSimulatorSettings(google)).Concat(OciSimulatorSettings(oci)).ToDictionary(),
            services: s => s.AddSingleton(AzureSimulator.Credential).AddSingleton(time));

        // Earlier versions of the demo brought Microsoft, Google Cloud and Oracle in as FOCUS exports; now their APIs carry
        // them, so rows those runs left in a developer's local store must not count twice.
        var moved = SyntheticProvider.All.Where(p => p.Name is "Microsoft" or "Google Cloud" or "Oracle")
            .Select(p => new ReplacementScope(FocusExportIngestion.SourceName, p.Name, p.BillingAccountId, firstDay.AddYears(-1), lastDay.AddDays(1))).ToList();
        await host.Services.GetRequiredService<CostStore>().ReplaceAsync([], moved, "demo-cleanup", now, cancellationToken);

        // Commitments first, so the MACC lot sync reconciles the file's MACC with the balance Microsoft reports.
        if (!await CommitmentsCommand.ImportAsync(host.Services, Path.Combine("samples", "commitments.json"), cancellationToken))
        {
            return 1;
        }

        var providers = host.Services.GetServices<IProviderIngestion>().ToList();
        foreach (var provider in providers)
        {
            if (await IngestCommand.IngestProviderCostsAsync(host.Services, provider, cancellationToken) != CliExit.Ok)
            {
                return 1;
            }
        }

        await PrintSummaryAsync(host.Services.GetRequiredService<CostStore>(), cancellationToken);

        var report = await EvaluateCommand.RunAsync(host.Services, null, cancellationToken);

        foreach (var provider in providers)
        {
            if (await IngestCommand.IngestProviderCapacityAsync(host.Services, provider, cancellationToken) != CliExit.Ok)
            {
                return 1;
            }
        }

        var capacity = await CapacityCommand.RunAsync(host.Services, cancellationToken);
        await NotifyCommand.DrainAsync(host.Services, cancellationToken);
        var reportPath = await ReportCommand.WriteAsync(host.Services, report, capacity, Path.Combine("out", "report.html"), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Report: {reportPath}");
        AnsiConsole.MarkupLine("Next: [bold]./run.sh status[/], [bold]./run.sh alerts list[/], [bold]./run.sh export burnrate --out out/burnrate.csv[/], [bold]./run.sh ingest focus --path <file|folder|blob url>[/]");
        return 0;
    }

    /// <summary>Points the Aws section at the simulator, with the AWS test suite's example key (the simulator accepts no other).</summary>
    private static Dictionary<string, string?> AwsSimulatorSettings(AwsSimulator aws) => new()
    {
        ["Aws:Enabled"] = "true",
        ["Aws:PayerAccountId"] = "123456789012",
        ["Aws:WindowDays"] = Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aws:CostExplorerEndpoint"] = aws.BaseUrl.ToString(),
        ["Aws:ServiceQuotasEndpoint"] = aws.BaseUrl + "quotas/{region}/",
        ["Aws:Ec2Endpoint"] = aws.BaseUrl + "ec2/{region}/",
        ["Aws:Regions:0"] = "us-east-1",
        ["Aws:AccessKeyId"] = AwsSimulator.AccessKeyId,
        ["Aws:SecretAccessKey"] = AwsSimulator.SecretAccessKey,
        ["Aws:RoleArn"] = string.Empty,
    };

    /// <summary>
    /// Points the Azure section at the simulator. BillingAccountId is the id Microsoft's FOCUS exports carry, so rows
    /// and commitment eligibility stay the same whichever way Azure costs arrive.
    /// </summary>
    private static Dictionary<string, string?> AzureSimulatorSettings(AzureSimulator azure) => new()
    {
        ["Azure:Enabled"] = "true",
        ["Azure:ManagementEndpoint"] = azure.BaseUrl.ToString(),
        ["Azure:BillingAccountId"] = SyntheticProvider.All.Single(p => p.Name == "Microsoft").BillingAccountId,
        ["Azure:BillingAccountName"] = SyntheticProvider.All.Single(p => p.Name == "Microsoft").BillingAccountName,
        ["Azure:Scopes:0"] = $"providers/Microsoft.Billing/billingAccounts/{AzureDemoData.BillingAccount}",
        ["Azure:MaccBillingAccountIds:0"] = AzureDemoData.BillingAccount,
        ["Azure:Subscriptions:0"] = AzureDemoData.Subscription,
        ["Azure:Regions:0"] = "eastus2",
        ["Azure:Regions:1"] = "swedencentral",
        ["Azure:WindowDays"] = Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Azure:MinSecondsBetweenQueries"] = "0",
    };

    /// <summary>Points the Gcp section at the simulator, with the simulator's service account key (a real JWT-bearer grant).</summary>
    private static Dictionary<string, string?> GoogleSimulatorSettings(GoogleSimulator google)
    {
        var account = SyntheticProvider.All.Single(p => p.Name == "Google Cloud").BillingAccountId;
        return new()
        {
            ["Gcp:Enabled"] = "true",
            ["Gcp:BillingAccountId"] = account,
            ["Gcp:ExportTable"] = $"billing-admin.billing_export.gcp_billing_export_v1_{account.Replace('-', '_')}",
            ["Gcp:QueryProject"] = "billing-admin",
            ["Gcp:WindowDays"] = Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gcp:CredentialJson"] = google.ServiceAccountKeyJson,
            ["Gcp:BigQueryEndpoint"] = google.BaseUrl.ToString(),
            ["Gcp:CloudBillingEndpoint"] = google.BaseUrl.ToString(),
            ["Gcp:ComputeEndpoint"] = google.BaseUrl.ToString(),
            ["Gcp:Projects:0"] = GoogleDemoData.Project,
            ["Gcp:Regions:0"] = "us-central1",
        };
    }

    /// <summary>Points the Oci section at the simulator, with the API key it issued (every request is signed and verified).</summary>
    private static Dictionary<string, string?> OciSimulatorSettings(OciSimulator oci)
    {
        var oracle = SyntheticProvider.All.Single(p => p.Name == "Oracle");
        return new()
        {
            ["Oci:Enabled"] = "true",
            ["Oci:TenancyId"] = oracle.BillingAccountId,
            ["Oci:TenancyName"] = oracle.BillingAccountName,
            ["Oci:UserId"] = OciSimulator.UserId,
            ["Oci:Fingerprint"] = oci.Fingerprint,
            ["Oci:PrivateKeyPem"] = oci.PrivateKeyPem,
            ["Oci:HomeRegion"] = "us-ashburn-1",
            ["Oci:Regions:0"] = "us-ashburn-1",
            ["Oci:SubscribedServiceIds:0"] = OciDemoData.SubscribedService,
            ["Oci:WindowDays"] = Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Oci:UsageEndpoint"] = oci.BaseUrl + "usage/{region}/",
            ["Oci:LimitsEndpoint"] = oci.BaseUrl + "limits/{region}/",
            ["Oci:IdentityEndpoint"] = oci.BaseUrl + "identity/{region}/",
            ["Oci:ComputeEndpoint"] = oci.BaseUrl + "iaas/{region}/",
        };
    }

    public static async Task PrintSummaryAsync(CostStore store, CancellationToken cancellationToken)
    {
        var groups = new SortedDictionary<(string Provider, string Month, string Currency), (long Rows, decimal Billed, decimal Effective)>();
        await foreach (var row in store.QueryAsync(cancellationToken))
        {
            var key = (row.ProviderName, row.ChargePeriodStart.ToString("yyyy-MM"), row.BillingCurrency);
            var (rows, billed, effective) = groups.GetValueOrDefault(key);
            groups[key] = (rows + 1, billed + row.BilledCost, effective + row.EffectiveCost);
        }

        var table = new Table().Title("costs: daily rows and cost per provider and month")
            .AddColumns("Provider", "Month", "Currency", "Daily rows", "BilledCost", "EffectiveCost");
        foreach (var column in table.Columns.Skip(3))
        {
            column.RightAligned();
        }

        foreach (var ((provider, month, currency), (rows, billed, effective)) in groups)
        {
            table.AddRow(Markup.Escape(provider), month, currency, rows.ToString("N0"), billed.ToString("N2"), effective.ToString("N2"));
        }

        AnsiConsole.Write(table);
    }
}
