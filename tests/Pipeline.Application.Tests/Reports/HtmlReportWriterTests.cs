using Pipeline.Core.Alerts;
using Pipeline.Core.BurnRate;
using Pipeline.Core.Capacity;
using Pipeline.Core.Commitments;
using Pipeline.Core.Evaluations;
using Pipeline.Notifications.Reports;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Reports;

/// <summary>The HTML summary as the report layer renders it: data is encoded, sections follow what was given.</summary>
[Trait("Category", "ClockIndependent")]
public sealed class HtmlReportWriterTests
{
    private const string Hostile = "<script>alert('x')</script> & Co";
    private static readonly DateOnly AsOf = new(2025, 3, 31);

    private static Commitment Commitment(string id, string name) => new()
    {
        Id = id, Name = name, ProviderName = "Microsoft", Currency = "USD",
        Periods = [new CommitmentPeriod(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), 730_000m)],
    };

    private static CommitmentEvaluation Evaluated(string name)
    {
        var commitment = Commitment("c-1", name);
        var spend = Enumerable.Range(0, 90).ToDictionary(i => new DateOnly(2025, 1, 1).AddDays(i), _ => 1_000m);
        return new CommitmentEvaluation(commitment, BurnRateCalculator.Calculate(commitment, spend, AsOf), null);
    }

    private static AlertState OpenAlert(string title) => new()
    {
        Rule = "commitment-burn", SubjectKey = "c-1", Status = AlertStatus.Open, Severity = AlertSeverity.Critical,
        FirstSeen = TestClock.Now, LastSeen = TestClock.Now,
        Condition = new AlertCondition { Rule = "commitment-burn", SubjectKey = "c-1", Severity = AlertSeverity.Critical, Title = title, Summary = "s", Fingerprint = "f" },
    };

    [Fact]
    public void Every_value_from_data_is_html_encoded()
    {
        var html = HtmlReportWriter.Render([Evaluated(Hostile), new CommitmentEvaluation(Commitment("c-2", "Broken"), null, "no <costs> yet")], [], [OpenAlert(Hostile)], TestClock.Now);

        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
        html.Should().Contain("no &lt;costs&gt; yet", "an unevaluated commitment shows its problem");
        html.Should().Contain("class=\"AtRisk\">AtRisk<", "half the required spend is at risk");
        html.Should().Contain("data:image/png;base64,", "the burn chart is inline");
    }

    [Fact]
    public void Capacity_sections_appear_only_when_capacity_was_reported()
    {
        var without = HtmlReportWriter.Render([Evaluated("MACC")], [], [], TestClock.Now);
        var with = HtmlReportWriter.Render([Evaluated("MACC")], [], [], TestClock.Now,
            ([new HeadroomRow("Microsoft", "eastus2", "H100", 32, 8, 0, 64, 24)],
             [new DeliveryStatus("cap-1", "H100 block", "Microsoft", "H100", AsOf, 64, 40, null, null)]));

        without.Should().NotContain("GPU headroom");
        with.Should().Contain("<h2>GPU headroom</h2>").And.Contain("<td><b>40</b></td>", "available now is quota plus reserved")
            .And.Contain("class=\"AtRisk\">24<", "24 GPUs short of the 64 contracted");
    }
}
