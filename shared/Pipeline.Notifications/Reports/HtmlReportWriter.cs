using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;
using Pipeline.Core.Evaluations;
using Pipeline.Core.Money;
using Pipeline.Core.Portfolio;
using Pipeline.Notifications.Charts;

namespace Pipeline.Notifications.Reports;

/// <summary>
/// A self-contained HTML summary (charts inline as data URIs): commitment status, burn charts, cross-cloud
/// portfolio recommendations, GPU headroom and capacity delivery, and open alerts. Every value that came from data is HTML-encoded.
/// </summary>
public static class HtmlReportWriter
{
    /// <param name="capacity">GPU headroom and capacity deliveries; the capacity sections are left out when null.</param>
    public static string Render(IReadOnlyList<CommitmentEvaluation> commitments, IReadOnlyList<ShiftRecommendation> recommendations, IReadOnlyList<AlertState> alerts,
        DateTimeOffset generatedAt, (IReadOnlyList<HeadroomRow> Headroom, IReadOnlyList<DeliveryStatus> Deliveries)? capacity = null)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Commitments and alerts</title><style>")
            .Append("body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1b1b1b}table{border-collapse:collapse;margin:8px 0 24px}")
            .Append("th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".AtRisk,.Shortfall{color:#b00020;font-weight:600}.Watch,.ExhaustingEarly{color:#a15c00;font-weight:600}.OnTrack,.Met{color:#0a7a2f;font-weight:600}")
            .Append("</style></head><body>")
            .Append("<h1>Commitments and alerts</h1><p>Generated ").Append(E(generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</p>");

        html.Append("<h2>Commitment status</h2><table><tr><th>Commitment</th><th>Provider</th><th>As of</th><th>Period</th><th>Amount</th><th>Consumed</th><th>Expected</th>")
            .Append("<th>Pace</th><th>Burn ratio</th><th>Forecast p10 / p50 / p90</th><th>Shortfall</th><th>Exhaustion</th><th>Status</th></tr>");
        foreach (var e in commitments.OrderBy(e => e.Commitment.ProviderName, StringComparer.Ordinal))
        {
            if (e.Snapshot is not { } s)
            {
                html.Append("<tr><td>").Append(E(e.Commitment.Name)).Append("</td><td>").Append(E(e.Commitment.ProviderName))
                    .Append("</td><td colspan=\"11\">").Append(E(e.Problem ?? "not evaluated")).Append("</td></tr>");
                continue;
            }

            string M(decimal v) => E(MoneyFormat.Compact(v, s.Currency));
            html.Append("<tr><td>").Append(E(e.Commitment.Name)).Append("</td><td>").Append(E(e.Commitment.ProviderName)).Append("</td><td>")
                .Append(s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(s.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" to ").Append(s.PeriodEnd.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(M(s.PeriodAmount)).Append("</td><td>").Append(M(s.Consumed)).Append("</td><td>").Append(M(s.Expected))
                .Append("</td><td>").Append(s.PaceRatio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td>").Append(s.BurnRatio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td>").Append(M(s.ForecastP10)).Append(" / ").Append(M(s.ForecastP50)).Append(" / ").Append(M(s.ForecastP90))
                .Append("</td><td>").Append(M(s.ProjectedShortfall)).Append("</td><td>").Append(s.ExhaustionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td class=\"").Append(s.Status).Append("\">").Append(s.Status).Append("</td></tr>");
        }

        html.Append("</table><h2>Portfolio: where spend could move</h2>");
        if (recommendations.Count == 0)
        {
            html.Append("<p>No commitment is projected short while another on a different cloud is projected over.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Move from (over-burning)</th><th>To (under-burning)</th><th>Per day</th><th>Days</th><th>Total</th><th>Shortfall before</th><th>Shortfall after</th></tr>");
            foreach (var r in recommendations)
            {
                html.Append("<tr><td>").Append(E($"{r.FromCommitmentId} ({r.FromProvider})")).Append("</td><td>").Append(E($"{r.ToCommitmentId} ({r.ToProvider})"))
                    .Append("</td><td>").Append(E(MoneyFormat.Full(r.PerDay, r.Currency))).Append("</td><td>").Append(r.Days)
                    .Append("</td><td>").Append(E(MoneyFormat.Compact(r.Total, r.Currency))).Append("</td><td>").Append(E(MoneyFormat.Compact(r.ToShortfallBefore, r.Currency)))
                    .Append("</td><td>").Append(E(MoneyFormat.Compact(r.ToShortfallAfter, r.Currency))).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (capacity is { } c)
        {
            html.Append("<h2>GPU headroom</h2><table><tr><th>Provider</th><th>Region</th><th>Accelerator</th><th>Quota free</th><th>Reserved free</th><th>Available now</th><th>Limit</th><th>Used</th><th>Spot free</th></tr>");
            foreach (var h in c.Headroom)
            {
                html.Append("<tr><td>").Append(E(h.ProviderName)).Append("</td><td>").Append(E(h.RegionId)).Append("</td><td>").Append(E(h.AcceleratorModel))
                    .Append("</td><td>").Append(N(h.QuotaGpusAvailable)).Append("</td><td>").Append(N(h.ReservedGpusAvailable)).Append("</td><td><b>").Append(N(h.GpusAvailable))
                    .Append("</b></td><td>").Append(N(h.GpusLimit)).Append("</td><td>").Append(N(h.GpusUsed)).Append("</td><td>").Append(N(h.SpotGpusAvailable)).Append("</td></tr>");
            }

            html.Append("</table><p><img alt=\"GPU headroom\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(HeadroomChartRenderer.Render(c.Headroom))).Append("\"></p>");
            html.Append("<h2>Capacity commitments: delivered vs contracted</h2><table><tr><th>Commitment</th><th>Provider</th><th>Accelerator</th><th>Contracted</th><th>Delivered</th><th>Shortfall</th></tr>");
            foreach (var d in c.Deliveries)
            {
                html.Append("<tr><td>").Append(E(d.Name)).Append("</td><td>").Append(E(d.ProviderName)).Append("</td><td>").Append(E(d.AcceleratorModel))
                    .Append("</td><td>").Append(d.ContractedGpus).Append("</td><td>").Append(N(d.DeliveredGpus)).Append("</td><td class=\"").Append(d.Behind ? "AtRisk" : "OnTrack")
                    .Append("\">").Append(N(d.ShortfallGpus)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Open alerts</h2><table><tr><th>Alert</th><th>Status</th><th>Severity</th><th>First seen</th></tr>");
        foreach (var a in alerts.Where(a => a.Status != AlertStatus.Resolved))
        {
            html.Append("<tr><td>").Append(E(a.Condition.Title)).Append("</td><td>").Append(a.Status).Append("</td><td>").Append(a.Severity)
                .Append("</td><td>").Append(a.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        html.Append("</table><h2>Burn charts</h2>");
        foreach (var e in commitments.Where(e => e.Snapshot is not null))
        {
            var png = BurnChartRenderer.Render(e.Snapshot!, e.Commitment.Name);
            html.Append("<p><img alt=\"").Append(E(e.Commitment.Name)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"></p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string N(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);
}
