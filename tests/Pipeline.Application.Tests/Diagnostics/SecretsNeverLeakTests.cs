using Pipeline.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Core.Alerts;
using Pipeline.Core.Runs;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Diagnostics;

/// <summary>
/// Every credential pattern providers and SDKs echo, fed through every failure path: a provider pull failing with it
/// (runs.Error and the logs, exception included), a FOCUS location carrying it that does not even parse (runs.Location,
/// runs.Error, logs) and an alert whose text carries it (the email's subject, HTML and text).
/// </summary>
public class SecretsNeverLeakTests
{
    private readonly CapturingLoggerProvider _logs = new();

    private Microsoft.Extensions.Hosting.IHost Host() =>
        PipelineTestHost.Create(TestStorage.NewPrefix(), services: s => s.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task A_provider_failure_echoing_a_credential_reaches_neither_the_runs_table_nor_the_logs()
    {
        using var host = Host();
        var ingestion = host.Services.GetRequiredService<ApiCostIngestion>();
        foreach (var (name, text) in SecretPatterns.All)
        {
            var act = () => ingestion.IngestAsync("aws-cost-explorer", "AWS", "123", TestClock.Today.AddDays(-3), TestClock.Today,
                (_, _) => throw new ProviderBadResponseException("AWS", "GetCostAndUsage failed", new IOException(text)));

            await act.Should().ThrowAsync<ProviderBadResponseException>();
            var run = await LatestRunAsync(host, "aws-cost-explorer");
            (run.Status, run.Error).Should().Be((RunStatus.Failed, "AWS: GetCostAndUsage failed"), name);

            var actWithMessage = () => ingestion.IngestAsync("aws-cost-explorer", "AWS", "123", TestClock.Today.AddDays(-3), TestClock.Today,
                (_, _) => throw new ProviderBadResponseException("AWS", text));
            await actWithMessage.Should().ThrowAsync<ProviderBadResponseException>();
            (await LatestRunAsync(host, "aws-cost-explorer")).Error.Should().NotContain(SecretPatterns.Secret, name);
        }

        _logs.Lines.Should().Contain(l => l.Contains("Ingest of aws-cost-explorer failed", StringComparison.Ordinal));
        _logs.Lines.Should().NotContain(l => l.Contains(SecretPatterns.Secret, StringComparison.Ordinal), "neither the messages nor the logged exceptions carry a credential");
    }

    [Fact]
    public async Task A_blob_location_with_a_sas_token_that_fails_to_parse_is_recorded_and_logged_without_it()
    {
        using var host = Host();
        var location = $"https://acct.blob.core.windows.net/exports/focus/?sv=2024-05-04&sig={SecretPatterns.Secret}%ZZ&se=not a date";

        var act = () => host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync(location);

        await act.Should().ThrowAsync<Exception>();
        var run = await LatestRunAsync(host, FocusExportIngestion.SourceName);
        run.Location.Should().Be("https://acct.blob.core.windows.net/exports/focus/");
        (run.Error ?? string.Empty).Should().NotContain(SecretPatterns.Secret);
        _logs.Lines.Should().NotBeEmpty().And.NotContain(l => l.Contains(SecretPatterns.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void An_alert_whose_text_carries_a_credential_is_emailed_without_it()
    {
        foreach (var (name, text) in SecretPatterns.All)
        {
            var condition = new AlertCondition
            {
                Rule = "source-stale", SubjectKey = "aws-cost-explorer", Severity = AlertSeverity.Warning, Title = $"[STALE DATA] {text}", Summary = $"Last error: {text}",
                Facts = [new("error", text)], Fingerprint = "f",
            };
            var state = new AlertState
            {
                Rule = condition.Rule, SubjectKey = condition.SubjectKey, Status = AlertStatus.Open, Severity = condition.Severity, Condition = condition,
                FirstSeen = TestClock.Now, LastSeen = TestClock.Now,
            };

            var email = AlertEmailRenderer.Render(state, AlertTransition.Opened, "t1", ["finops@example.com"], null);

            (email.Subject + email.Html + email.Text).Should().NotContain(SecretPatterns.Secret, name);
        }
    }

    private static async Task<RunRecord> LatestRunAsync(Microsoft.Extensions.Hosting.IHost host, string source)
    {
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            if (run.Source == source)
            {
                return run;
            }
        }

        throw new InvalidOperationException("no run recorded");
    }
}
