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
