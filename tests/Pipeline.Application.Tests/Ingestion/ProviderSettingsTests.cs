using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Watchdog;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Runs;
using Pipeline.Http;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>
/// One cloud's bad settings fail that cloud's runs, recorded and watched, never the app: the host starts, and the
/// error names the setting. The case from the field is an unresolved Key Vault reference for the OCI API key.
/// </summary>
public class ProviderSettingsTests
{
    private static readonly Dictionary<string, string?> BrokenOci = new()
    {
        ["Oci:Enabled"] = "true",
        ["Oci:TenancyId"] = "ocid1.tenancy.oc1..aaaa",
        ["Oci:UserId"] = "ocid1.user.oc1..bbbb",
        ["Oci:Fingerprint"] = "20:3b:97:13:55:1c:1c:0d:d3:37:d8:50:4e:c5:3a:34",
        ["Oci:HomeRegion"] = "us-ashburn-1",
        // What App Service passes when it cannot resolve the reference: the reference itself.
        ["Oci:PrivateKeyPem"] = "@Microsoft.KeyVault(VaultName=kv-abc;SecretName=oci-private-key)",
    };

    [Fact]
    public void The_host_starts_and_the_provider_is_built_though_its_settings_are_invalid()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), BrokenOci);

        // What Host.StartAsync runs first: every ValidateOnStart check. Provider options are not among them.
        host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        var oci = host.Services.GetRequiredKeyedService<IProviderIngestion>(OciProvider.Key);

        oci.Enabled.Should().BeTrue("it is meant to run; its runs say why it cannot");
        ((ProviderIngestion)oci).SettingsError!.Failures.Should().ContainSingle()
            .Which.Should().Contain("Oci:PrivateKeyPem is an unresolved Key Vault reference (VaultName=kv-abc;SecretName=oci-private-key)");
    }

    [Fact]
    public void No_provider_validates_its_settings_at_start_up()
    {
        var settings = new Dictionary<string, string?>(BrokenOci)
        {
            ["Aws:Enabled"] = "true", // no Aws:PayerAccountId
            ["Azure:Enabled"] = "true",
            ["Azure:BillingAccountId"] = "1234",
            ["Azure:Scopes:0"] = "/subscriptions/6f1a", // a leading slash
            ["Gcp:Enabled"] = "true",
            ["Gcp:ExportTable"] = "project.dataset", // not project.dataset.table
        };
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), settings);

        host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        var errors = host.Services.GetServices<IProviderIngestion>().ToDictionary(p => p.Identity.SettingsSection, p => ((ProviderIngestion)p).SettingsError);

        errors.Should().HaveCount(4).And.OnlyContain(e => e.Value != null);
        errors["Aws"]!.Message.Should().Contain("Aws:PayerAccountId is required");
        errors["Azure"]!.Message.Should().Contain("Azure:Scopes entry '/subscriptions/6f1a'");
        errors["Gcp"]!.Message.Should().Contain("Gcp:ExportTable 'project.dataset'");
    }

    [Fact]
    public async Task Its_cost_and_capacity_runs_fail_naming_the_setting_and_are_recorded()
    {
        var prefix = TestStorage.NewPrefix();
        using var host = PipelineTestHost.Create(prefix, BrokenOci);
        var oci = host.Services.GetRequiredKeyedService<IProviderIngestion>(OciProvider.Key);

        var run = () => ProviderCostRun.RunAsync(oci, CancellationToken.None);
        var capacity = () => oci.IngestCapacityAsync();

        (await run.Should().ThrowAsync<ProviderSettingsException>()).Which.Message.Should().Contain("Oci:PrivateKeyPem").And.NotContain("BEGIN");
        await capacity.Should().ThrowAsync<ProviderSettingsException>();
        var runs = await host.Services.GetRequiredService<RunStore>().ListRecentAsync(5).ToListAsync();
        runs.Select(r => (r.Source, r.Status)).Should().BeEquivalentTo([(OciUsageConnector.Source, RunStatus.Failed), (OciProvider.Identity.CapacitySource, RunStatus.Failed)]);
        runs.Should().OnlyContain(r => r.Error!.Contains("Oci:PrivateKeyPem is an unresolved Key Vault reference") && r.Location == "Oci settings");
    }

    [Fact]
    public async Task The_watchdog_raises_its_sources_as_stale_without_any_setting()
    {
        var prefix = TestStorage.NewPrefix();
        using var host = PipelineTestHost.Create(prefix, BrokenOci);
        var oci = host.Services.GetRequiredKeyedService<IProviderIngestion>(OciProvider.Key);
        await oci.Invoking(o => o.IngestCapacityAsync()).Should().ThrowAsync<ProviderSettingsException>();

        await host.Services.GetRequiredService<WatchdogJob>().RunAsync();

        var alerts = host.Services.GetRequiredService<AlertStore>();
        (await alerts.GetAsync(WatchdogJob.StaleRule, OciUsageConnector.Source)).Should().NotBeNull();
        (await alerts.GetAsync(WatchdogJob.StaleRule, OciProvider.Identity.CapacitySource))!.Condition.Title
            .Should().Be($"[STALE DATA] {OciProvider.Identity.CapacitySource}: no successful run for over 6 hours");
        (await alerts.GetAsync(WatchdogJob.StaleRule, "aws-cost-explorer")).Should().BeNull("AWS is not enabled, so it is not watched");
    }

    [Fact]
    public void The_other_providers_are_untouched()
    {
        var settings = new Dictionary<string, string?>(BrokenOci) { ["Aws:Enabled"] = "false" };
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), settings);

        var others = host.Services.GetServices<IProviderIngestion>().Where(p => p.Identity.Key != OciProvider.Key).ToList();

        others.Should().HaveCount(3).And.OnlyContain(p => ((ProviderIngestion)p).SettingsError == null);
    }
}
