using System.Net;
using System.Text;
using Pipeline.Core.Alerts;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Renders an alert as an email: a subject a FinOps reader can triage, an HTML part (every value from data is
/// HTML-encoded) with the chart inline, and an equivalent plain-text part. Every text from data is scrubbed of
/// credentials first: an email must never carry a key an error message or a source echoed.
/// </summary>
public static class AlertEmailRenderer
{
    public const string ChartContentId = "alert-chart";

    private static AlertCondition Scrubbed(AlertCondition condition) => condition with
    {
        Title = SecretScrubber.Scrub(condition.Title),
        Summary = SecretScrubber.Scrub(condition.Summary),
        Facts = condition.Facts.Select(f => new KeyValuePair<string, string>(SecretScrubber.Scrub(f.Key), SecretScrubber.Scrub(f.Value))).ToList(),
    };

    public static EmailMessage Render(AlertState alert, AlertTransition transition, string transitionId, IReadOnlyList<string> recipients, byte[]? chartPng)
    {
        var condition = Scrubbed(alert.Condition);
        var subject = transition == AlertTransition.Resolved ? "[RESOLVED] " + WithoutTag(condition.Title) : condition.Title;
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1b1b1b;max-width:760px\">")
            .Append("<p style=\"font-size:12px;color:#666\">").Append(E(Describe(transition))).Append(" · severity ").Append(E(condition.Severity.ToString())).Append("</p>")
            .Append("<h2 style=\"margin:4px 0 12px\">").Append(E(subject)).Append("</h2>")
            .Append("<p>").Append(E(transition == AlertTransition.Resolved ? "This condition no longer holds. Last known situation: " : string.Empty))
            .Append(E(condition.Summary)).Append("</p>");
        if (condition.Facts.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse;font-size:14px\">");
            foreach (var (label, value) in condition.Facts)
            {
                html.Append("<tr><th style=\"text-align:left;padding:3px 12px 3px 0;color:#555;font-weight:normal\">").Append(E(label))
                    .Append("</th><td style=\"padding:3px 0\">").Append(E(value)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        var images = new List<InlineImage>();
        if (chartPng is not null)
        {
            images.Add(new InlineImage(ChartContentId, "chart.png", chartPng));
            html.Append("<p><img src=\"cid:").Append(ChartContentId).Append("\" alt=\"").Append(E(WithoutTag(condition.Title))).Append("\" width=\"720\"></p>");
        }

        html.Append("<p style=\"font-size:12px;color:#666\">Alert <code>").Append(E(alert.Rule)).Append("</code> / <code>").Append(E(alert.SubjectKey))
            .Append("</code>, first seen ").Append(alert.FirstSeen.ToString("yyyy-MM-dd HH:mm 'UTC'")).Append(". Acknowledge with <code>./run.sh alerts ack ")
            .Append(E(alert.Rule)).Append(' ').Append(E(alert.SubjectKey)).Append("</code>.</p></body></html>");

        var text = new StringBuilder();
        text.AppendLine(subject).AppendLine(new string('=', Math.Min(subject.Length, 78))).AppendLine()
            .AppendLine($"{Describe(transition)} (severity {condition.Severity})").AppendLine()
            .AppendLine(condition.Summary).AppendLine();
        foreach (var (label, value) in condition.Facts)
        {
            text.AppendLine($"{label}: {value}");
        }

        text.AppendLine().AppendLine($"Alert {alert.Rule} / {alert.SubjectKey}. Acknowledge with: ./run.sh alerts ack {alert.Rule} {alert.SubjectKey}");
        return new EmailMessage(recipients, subject, html.ToString(), text.ToString(), images, $"{Slug(alert.Rule)}-{Slug(alert.SubjectKey)}-{transitionId}");
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Describe(AlertTransition transition) => transition switch
    {
        AlertTransition.Opened => "New alert",
        AlertTransition.Reopened => "Alert is back",
        AlertTransition.Escalated => "Alert escalated",
        AlertTransition.Updated => "Alert update",
        AlertTransition.Resolved => "Alert resolved",
        _ => transition.ToString(),
    };

    private static string WithoutTag(string title) => title.StartsWith('[') && title.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end ? title[(end + 2)..] : title;

    private static string Slug(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return slug.Length > 80 ? slug.ToString(0, 80) : slug.ToString();
    }
}
