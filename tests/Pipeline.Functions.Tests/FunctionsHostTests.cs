using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Application.Options;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Runs;
using Pipeline.Functions.Providers;
using Pipeline.Http;
using Pipeline.Storage.Runs;
using Pipeline.Testing;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The real worker host (<see cref="FunctionsApp.CreateBuilder"/>, what Program.cs runs) built with the app settings
/// the compiled template writes: their names read from <c>bicep build</c>'s output, each given a value of the shape
/// Azure gives it. A setting renamed on one side, or a function class whose services are not registered, fails here.
/// </summary>
public partial class FunctionsHostTests
{
    private static readonly string Root = typeof(FunctionsHostTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    private const string ClientId = "0b7c3e6a-5f1d-4c1e-9a53-3c0f6f8d2b11";

    [Fact]
    public void The_host_builds_and_starts_its_validation_with_exactly_the_template_settings()
    {
        var settings = TemplateSettings();
        using var host = Build(settings);

        // Host.StartAsync runs this first: every ValidateOnStart check (storage, email, alerts, watchdog, capacity).
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        host.Services.GetRequiredService<TokenCredential>().Should().BeOfType<ManagedIdentityCredential>("in Azure the app signs in as its user-assigned identity only");
        foreach (var type in FunctionClasses())
        {
            ActivatorUtilities.CreateInstance(host.Services, type).Should().BeOfType(type);
        }

        var configuration = host.Services.GetRequiredService<IConfiguration>();
        foreach (var schedule in TimerSchedules())
        {
            configuration[schedule].Should().NotBeNullOrWhiteSpace("the template must set {0}, which a timer reads", schedule);
        }

        ScheduleSettings.Validate(configuration).Should().BeEmpty();
    }

    [Fact]
    public void The_template_settings_are_the_ones_the_test_knows_how_to_shape()
    {
        // Guards the test above: a new template setting must get a shaped value here, or it would go untested.
        var settings = TemplateSettings();

        settings.Keys.Should().Contain(["AzureWebJobsStorage__credential", "Storage__TableServiceUri", "Email__Acs__Endpoint", "Email__From", "COSTS_OCI_SCHEDULE", "Oci__PrivateKeyPem"]);
        settings.Where(s => s.Value is null).Select(s => s.Key).Should().BeEmpty();
    }

    [Fact]
    public void A_setting_renamed_in_the_template_stops_the_host()
    {
        var settings = TemplateSettings();
        settings["COSTS_AZURE_SCHEDULES"] = settings["COSTS_AZURE_SCHEDULE"];
        settings.Remove("COSTS_AZURE_SCHEDULE");

        var act = () => Build(settings);

        act.Should().Throw<InvalidOperationException>().WithMessage("*COSTS_AZURE_SCHEDULE*");
    }

    [Fact]
    public async Task With_one_provider_misconfigured_the_host_starts_and_the_other_providers_run()
    {
        using var arm = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        const string subscription = "6f1a2b3c-0000-4000-8000-000000000001";
        arm.Given(Request.Create().UsingGet().WithPath($"/subscriptions/{subscription}/providers/Microsoft.Compute/locations/eastus/usages").WithHeader("Authorization", "Bearer arm-token"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(
                """{ "value": [ { "name": { "value": "standardNDSH100v5Family", "localizedValue": "Standard NDSH100v5 Family vCPUs" }, "currentValue": 96, "limit": 192, "unit": "Count" } ] }"""));
        arm.Given(Request.Create().UsingGet().WithPath($"/subscriptions/{subscription}/providers/Microsoft.Compute/capacityReservationGroups"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{ "value": [] }"""));

        var settings = TemplateSettings();
        var prefix = TestStorage.NewPrefix();
        // Storage is Azurite (which takes no Entra tokens); everything else is as the template writes it, with OCI
        // enabled and its API key reference unresolved, as when the secret was never stored.
        settings["Storage__ConnectionString"] = TestStorage.ConnectionString;
        settings["Storage__TablePrefix"] = prefix;
        settings["Oci__Enabled"] = "true";
        settings["Oci__TenancyId"] = "ocid1.tenancy.oc1..aaaa";
        settings["Oci__UserId"] = "ocid1.user.oc1..bbbb";
        settings["Oci__Fingerprint"] = "20:3b:97:13:55:1c:1c:0d:d3:37:d8:50:4e:c5:3a:34";
        settings["Oci__HomeRegion"] = "us-ashburn-1";
        settings["Azure__Enabled"] = "true";
        settings["Azure__ManagementEndpoint"] = arm.Url + "/";
        settings["Azure__Subscriptions__0"] = subscription;
        settings["Azure__Regions__0"] = "eastus";
        using var host = Build(settings, services =>
        {
            services.AddSingleton<TokenCredential>(new StaticTokenCredential("arm-token"));
            services.AddSingleton<TimeProvider>(new InstantTimeProvider(TestClock.Now));
        });
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var oci = ActivatorUtilities.CreateInstance<OciTimers>(host.Services);
        var azure = ActivatorUtilities.CreateInstance<AzureTimers>(host.Services);
        var ociCosts = () => oci.CostsAsync(new TimerInfo(), CancellationToken.None);

        (await ociCosts.Should().ThrowAsync<ProviderSettingsException>()).Which.Message.Should().Contain("Oci:PrivateKeyPem is an unresolved Key Vault reference");
        (await azure.CapacityAsync(new TimerInfo(), CancellationToken.None)).Should().ContainSingle("the Azure capacity evaluation is queued");
        var runs = await host.Services.GetRequiredService<RunStore>().ListRecentAsync(5).ToListAsync();
        runs.Select(r => (r.Source, r.Status)).Should().BeEquivalentTo([(OciUsageConnector.Source, RunStatus.Failed), (AzureProvider.Identity.CapacitySource, RunStatus.Succeeded)]);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        // App settings reach the worker as environment variables ("__" nests); the in-memory source reads ":".
        var configuration = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value);
        var builder = FunctionsApp.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(configuration));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static IEnumerable<Type> FunctionClasses() => typeof(FunctionsApp).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    private static IEnumerable<string> TimerSchedules() => FunctionClasses().SelectMany(t => t.GetMethods())
        .SelectMany(m => m.GetParameters()).Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()?.Schedule).OfType<string>()
        .Select(s => s.Trim('%'));

    /// <summary>Every app setting the template writes (platform and pipeline), with OCI enabled so its Key Vault reference is among them.</summary>
    private static HashSet<string> TemplateSettingNames()
    {
        var compiled = JsonNode.Parse(InfraTests.CompiledTemplate)!.AsObject();
        var text = InfraTests.CompiledTemplate;
        var names = SettingKey().Matches(text).Select(m => m.Groups["name"].Value + (m.Groups["list"].Success ? "__0" : string.Empty)).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in compiled["parameters"]!["schedules"]!["defaultValue"]!.AsObject())
        {
            names.Add(schedule.Key);
        }

        return names;
    }

    private static Dictionary<string, string?> TemplateSettings()
    {
        var compiled = JsonNode.Parse(InfraTests.CompiledTemplate)!.AsObject();
        var schedules = compiled["parameters"]!["schedules"]!["defaultValue"]!.AsObject();
        return TemplateSettingNames().ToDictionary(n => n, n => schedules[n]?.GetValue<string>() ?? Shape(n), StringComparer.Ordinal);
    }

    /// <summary>The value Azure gives each setting the template writes (endpoints from the resources, ids from the identity).</summary>
    private static string? Shape(string name) => name switch
    {
        "AzureWebJobsStorage__credential" => "managedidentity",
        "AzureWebJobsStorage__clientId" or "AZURE_CLIENT_ID" or "Storage__ManagedIdentityClientId" => ClientId,
        "AzureWebJobsStorage__blobServiceUri" or "Storage__BlobServiceUri" => "https://stabc123.blob.core.windows.net/",
        "AzureWebJobsStorage__queueServiceUri" or "Storage__QueueServiceUri" => "https://stabc123.queue.core.windows.net/",
        "AzureWebJobsStorage__tableServiceUri" or "Storage__TableServiceUri" => "https://stabc123.table.core.windows.net/",
        "APPLICATIONINSIGHTS_CONNECTION_STRING" => "InstrumentationKey=5b1b6f0e-0d0a-4c1d-8f52-2f7b1a0c9e77;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" => $"ClientId={ClientId};Authorization=AAD",
        "Email__Mode" => "Acs",
        "Email__From" => "DoNotReply@7b2f0c1e-4a5d-4e8f-9c3b-1d2e3f4a5b6c.azurecomm.net",
        "Email__Acs__Endpoint" => "https://acs-abc123.unitedstates.communication.azure.com",
        "Email__DefaultRecipients__0" => "finops@example.com",
        "Oci__PrivateKeyPem" => "@Microsoft.KeyVault(VaultName=kv-abc123;SecretName=oci-private-key)",
        "FocusExports__Sources__0" => "https://stexports.blob.core.windows.net/exports/focus/",
        _ => null,
    };

    // Literal setting keys in the compiled template: createObject('Name', ...) arguments and format('Name__{0}', ...) lists.
    [GeneratedRegex(@"'(?<name>(?:[A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+|AZURE_CLIENT_ID|APPLICATIONINSIGHTS_[A-Z_]+))(?<list>__\{0\})?'")]
    private static partial Regex SettingKey();
}
