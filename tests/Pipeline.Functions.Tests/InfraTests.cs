using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Pipeline.Application.Options;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Oci;
using Pipeline.Notifications.Email;
using Pipeline.Storage;
using Pipeline.Storage.Tables;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The Bicep that <c>azd up</c> deploys: it compiles and lints clean with the Bicep CLI, and every setting the code
/// reads is either set by the template or documented in docs/deploy.md, so a deployment cannot silently miss one.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public partial class InfraTests
{
    private static readonly string Root = Metadata("RepositoryRoot");
    private static readonly Lazy<string> s_compiledText = new(() => Bicep("build", "--stdout").Output);
    /// <summary><c>bicep build</c>'s output for infra/main.bicep, built once per test run.</summary>
    internal static string CompiledTemplate => s_compiledText.Value;

    private static readonly Lazy<JsonObject> s_compiled = new(() => JsonNode.Parse(s_compiledText.Value)!.AsObject());

    /// <summary>Provider sections are set through the template's <c>azureSettings</c> / <c>awsSettings</c> / ... parameters.</summary>
    private static readonly string[] ProviderSections = [.. Pipeline.Application.Ingestion.ProviderModules.Identities.Select(p => p.SettingsSection)];

    [Fact]
    public void The_template_compiles_and_lints_without_a_diagnostic()
    {
        var build = Bicep("build", "--stdout");
        var lint = Bicep("lint");

        (build.ExitCode, build.Errors.Trim()).Should().Be((0, string.Empty));
        (lint.ExitCode, lint.Errors.Trim(), lint.Output.Trim()).Should().Be((0, string.Empty, string.Empty));
    }

    [Fact]
    public void Every_timer_schedule_has_a_default_in_the_template()
    {
        var schedules = s_compiled.Value["parameters"]!["schedules"]!["defaultValue"]!.AsObject();

        schedules.Select(s => s.Key).Should().BeEquivalentTo(ScheduleSettings.All);
        ScheduleSettings.Validate(new ConfigurationBuilder()
            .AddInMemoryCollection(schedules.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value!.GetValue<string>()))).Build()).Should().BeEmpty();
    }

    [Fact]
    public void The_host_and_the_pipeline_reach_storage_and_telemetry_with_the_identity()
    {
        var text = s_compiledText.Value.Replace(" ", string.Empty, StringComparison.Ordinal);

        foreach (var setting in new[]
                 {
                     "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
                     "AzureWebJobsStorage__tableServiceUri", "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
                 })
        {
            (text.Contains($"'{setting}'", StringComparison.Ordinal) || text.Contains($"\"{setting}\"", StringComparison.Ordinal))
                .Should().BeTrue("the app setting {0} is required on Azure", setting);
        }

        foreach (var hardening in new[] { "\"allowSharedKeyAccess\":false", "\"DisableLocalAuth\":true", "\"enableRbacAuthorization\":true", "\"disableLocalAuth\":true" })
        {
            text.Contains(hardening, StringComparison.Ordinal).Should().BeTrue("the template must keep {0}", hardening);
        }
    }

    [Fact]
    public void Email_goes_out_with_a_custom_sender_role_on_a_communication_service_without_keys()
    {
        var text = s_compiledText.Value;
        var compact = Regex.Replace(text, "\\s+", string.Empty);

        text.Should().NotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", "no identity gets Contributor");
        compact.Should().Contain("\"type\":\"Microsoft.Authorization/roleDefinitions\"");
        var actions = Regex.Match(compact, "\"actions\":\\[(?<a>[^\\]]*)\\]").Groups["a"].Value.Split(',').Select(a => a.Trim('"')).ToList();
        actions.Should().BeEquivalentTo(["Microsoft.Communication/CommunicationServices/Read", "Microsoft.Communication/CommunicationServices/Write", "Microsoft.Communication/EmailServices/write"]);
        compact.Should().Contain("\"dataLocation\":\"[parameters('dataLocation')]\",\"linkedDomains\"").And.Contain("\"disableLocalAuth\":true");
    }

    [Fact]
    public void Alerts_go_out_from_DoNotReply_on_the_managed_domain_and_a_named_sender_only_on_a_verified_custom_domain()
    {
        var domains = Resources("Microsoft.Communication/emailServices/domains").ToList();
        var senders = Resources("Microsoft.Communication/emailServices/domains/senderUsernames").ToList();
        var communication = ModuleTemplate("communication");

        var managed = domains.Single(d => d["properties"]!["domainManagement"]!.GetValue<string>() == "AzureManaged");
        managed["condition"].Should().BeNull("the managed domain always exists: it sends until a custom domain verifies");
        managed["name"]!.GetValue<string>().Should().Contain("'AzureManagedDomain'");
        senders.Should().ContainSingle().Which["condition"]!.GetValue<string>().Should().Be("[variables('hasCustomDomain')]",
            "ACS allows no sender usernames on an Azure-managed domain");
        var sender = communication["outputs"]!["senderAddress"]!["value"]!.GetValue<string>();
        sender.Should().Contain("'DoNotReply@{0}'").And.Contain("variables('useCustomDomain')");
        communication["variables"]!["useCustomDomain"]!.GetValue<string>().Should().Be("[and(variables('hasCustomDomain'), parameters('customDomainVerified'))]",
            "an unverified domain is neither linked nor used");
        Parameter("emailCustomDomain")["defaultValue"]!.GetValue<string>().Should().BeEmpty();
        Parameter("emailCustomDomainVerified")["defaultValue"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Every_role_assignment_is_named_for_its_principal_so_a_redeploy_after_azd_down_creates_new_ones()
    {
        var assignments = Resources("Microsoft.Authorization/roleAssignments").ToList();

        assignments.Should().HaveCountGreaterThanOrEqualTo(6);
        foreach (var assignment in assignments)
        {
            var name = assignment["name"]!.GetValue<string>();
            var principal = assignment["properties"]!["principalId"]!.GetValue<string>().Trim('[', ']');
            name.Should().StartWith("[guid(").And.Contain(principal, "a name without the principal survives azd down pointing at the deleted identity");
        }
    }

    [Fact]
    public void The_deployers_roles_take_azds_principal_type_so_a_service_principal_can_run_azd()
    {
        var user = Resources("Microsoft.Authorization/roleAssignments").Single(a => a["properties"]!["principalId"]!.GetValue<string>() == "[parameters('userPrincipalId')]");
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")))!["parameters"]!;

        user["properties"]!["principalType"]!.GetValue<string>().Should().Be("[parameters('userPrincipalType')]");
        Parameter("principalType")["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("User", "ServicePrincipal");
        parameters["principalType"]!["value"]!.GetValue<string>().Should().Be("${AZURE_PRINCIPAL_TYPE=User}");
        Resources("Microsoft.Authorization/roleAssignments").Where(a => a != user)
            .Should().OnlyContain(a => a["properties"]!["principalType"]!.GetValue<string>() == "ServicePrincipal", "the app identity is always a service principal");
    }

    [Fact]
    public void Key_vault_purge_protection_is_off_unless_asked_so_azd_down_purge_then_up_works()
    {
        var vault = Resources("Microsoft.KeyVault/vaults").Single();
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")))!["parameters"]!;

        Parameter("keyVaultPurgeProtection")["defaultValue"]!.GetValue<bool>().Should().BeFalse();
        parameters["keyVaultPurgeProtection"]!["value"]!.GetValue<string>().Should().Be("${KEY_VAULT_PURGE_PROTECTION=false}");
        vault["properties"]!["enablePurgeProtection"]!.GetValue<string>().Should().Be("[if(parameters('purgeProtection'), true(), null())]",
            "Key Vault refuses enablePurgeProtection: false, so off is unset");
        vault["properties"]!["softDeleteRetentionInDays"]!.GetValue<int>().Should().Be(7, "the shortest retention, should a vault be deleted without --purge");
    }

    [Fact]
    public void Private_networking_is_a_parameter_off_by_default_that_closes_storage_and_key_vault_to_the_internet()
    {
        var parameters = s_compiled.Value["parameters"]!;
        var compact = Regex.Replace(s_compiledText.Value, "\\s+", string.Empty);

        parameters["privateNetworking"]!["defaultValue"]!.GetValue<bool>().Should().BeFalse();
        parameters["allowedIpRanges"]!["defaultValue"]!.AsArray().Should().BeEmpty();
        compact.Should().Contain("\"condition\":\"[parameters('privateNetworking')]\"", "the VNet, NAT gateway and private endpoints exist only when asked for");
        compact.Should().Contain("\"storageServices\":[\"blob\",\"queue\",\"table\"]", "a private endpoint per storage service the pipeline uses")
            .And.Contain("\"groupIds\":[\"vault\"]", "and one for Key Vault");

        Regex.Matches(compact, "\"publicNetworkAccess\":\"\\[if\\(and\\(parameters\\('privateNetworking'\\),empty\\(parameters\\('allowedIpRanges'\\)\\)\\),'Disabled','Enabled'\\)\\]\"")
            .Should().HaveCount(2, "storage and Key Vault both shut public access unless an operator range is allowed");
        compact.Should().Contain("\"serviceName\":\"Microsoft.App/environments\"", "the Flex Consumption app subnet is delegated");
    }

    [Fact]
    public void The_template_creates_every_table_the_pipeline_uses()
    {
        var tables = typeof(PipelineTables).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var storage = File.ReadAllText(Path.Combine(Root, "infra", "core", "storage.bicep"));

        tables.Should().NotBeEmpty().And.OnlyContain(t => storage.Contains($"'{t}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_the_template_or_documented()
    {
        var set = TemplateSettings();
        var documented = File.ReadAllText(Path.Combine(Root, "docs", "deploy.md"));
        var missing = SettingsTheCodeReads()
            .Where(s => !set.Contains(s) && !ProviderSections.Contains(s.Split(':')[0]) && !documented.Contains($"`{s}`", StringComparison.Ordinal))
            .ToList();

        missing.Should().BeEmpty("each setting must be wired in infra/ or listed in docs/deploy.md as optional (missing: {0})", string.Join(", ", missing));
    }

    [Fact]
    public void Every_setting_the_template_writes_binds_to_something_the_code_reads()
    {
        var read = SettingsTheCodeReads().ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unknown = TemplateSettings().Where(s => s.Contains(':') && !read.Contains(s) && !s.StartsWith("AzureWebJobsStorage:", StringComparison.Ordinal)).ToList();

        unknown.Should().BeEmpty("a misspelt setting name would be silently ignored by the app");
    }

    private static JsonObject Parameter(string name) => s_compiled.Value["parameters"]![name]!.AsObject();

    /// <summary>Resources of a type anywhere in the compiled template, nested module deployments included.</summary>
    private static IEnumerable<JsonObject> Resources(string type) => AllResources(s_compiled.Value).Where(r => r["type"]!.GetValue<string>() == type);

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject map => map.Select(r => r.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"] is JsonObject { } properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The compiled template of a module deployment of main.bicep, by its deployment name.</summary>
    private static JsonObject ModuleTemplate(string name) => AllResources(s_compiled.Value)
        .Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name)["properties"]!["template"]!.AsObject();

    /// <summary>Section:Property paths of the options classes (nested classes flattened; list items as <c>:N</c>).</summary>
    private static IEnumerable<string> SettingsTheCodeReads()
    {
        (Type Type, string Section)[] options =
        [
            (typeof(StorageOptions), StorageOptions.SectionName), (typeof(EmailOptions), EmailOptions.SectionName), (typeof(AzureOptions), AzureOptions.SectionName),
            (typeof(AwsOptions), AwsOptions.SectionName), (typeof(GcpOptions), GcpOptions.SectionName), (typeof(OciOptions), OciOptions.SectionName),
            (typeof(CapacityOptions), CapacityOptions.SectionName), (typeof(FocusExportOptions), FocusExportOptions.SectionName),
            (typeof(AnomalyOptions), AnomalyOptions.SectionName), (typeof(AlertOptions), AlertOptions.SectionName), (typeof(WatchdogOptions), WatchdogOptions.SectionName),
        ];
        return options.SelectMany(o => Paths(o.Type, o.Section)).Concat(ScheduleSettings.All);
    }

    private static IEnumerable<string> Paths(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var path = $"{prefix}:{property.Name}";
            var t = property.PropertyType;
            if (t.IsClass && t != typeof(string) && t != typeof(Uri) && !t.IsGenericType)
            {
                foreach (var nested in Paths(t, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>App setting names the template writes, as configuration paths ("__" -> ":", list indexes dropped).</summary>
    private static HashSet<string> TemplateSettings()
    {
        var source = string.Join('\n', Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText));
        var names = SettingName().Matches(source).Select(m => m.Groups["name"].Value)
            .Select(n => Regex.Replace(n, "__\\$\\{i\\}$|__[0-9]+$", string.Empty).Replace("__", ":", StringComparison.Ordinal));
        return names.Concat(ScheduleSettings.All.Where(source.Contains)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string Metadata(string key) =>
        typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static (int ExitCode, string Output, string Errors) Bicep(string command, params string[] extra)
    {
        var bicep = Metadata("BicepPath");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the executable bit of the native tool it extracts.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(Path.Combine(Root, "infra", "main.bicep"));
        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue("bicep should finish");
        return (process.ExitCode, output.Result, errors.Result);
    }

    // Keys of app settings in the templates: identifiers with "__" (Section__Key) or quoted '...__...' key expressions.
    [GeneratedRegex(@"(?<![\w$])'?(?<name>[A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+(?:__\$\{i\})?)'?\s*(?::|,\s*i\s*=>)", RegexOptions.Multiline)]
    private static partial Regex SettingName();
}
