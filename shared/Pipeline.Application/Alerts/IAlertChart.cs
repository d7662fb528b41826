namespace Pipeline.Application.Alerts;

/// <summary>The chart an alert email embeds, for the rule it is registered for (<see cref="RuleId"/>); null when there is nothing to draw.</summary>
public interface IAlertChart
{
    string RuleId { get; }

    Task<byte[]?> RenderAsync(AlertState alert, CancellationToken cancellationToken);
}
