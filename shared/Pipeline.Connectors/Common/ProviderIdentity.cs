namespace Pipeline.Connectors.Common;

/// <summary>
/// Everything the pipeline calls one cloud, in one place: its FOCUS <c>ProviderName</c> in the tables, the name
/// operators read, the <c>./run.sh ingest</c> and snapshot-folder name, the settings section, the <c>runs</c> sources,
/// the schedule settings of its two timers and what its CLI command does.
/// </summary>
public sealed record ProviderIdentity(
    string FocusName,
    string DisplayName,
    string Key,
    string SettingsSection,
    string CostSource,
    string CapacitySource,
    string CostSchedule,
    string CapacitySchedule,
    string Description)
{
    /// <summary>The function names of its timers: <c>IngestCosts{Section}</c>, <c>IngestCapacity{Section}</c>.</summary>
    public string CostFunction => "IngestCosts" + SettingsSection;

    public string CapacityFunction => "IngestCapacity" + SettingsSection;
}
