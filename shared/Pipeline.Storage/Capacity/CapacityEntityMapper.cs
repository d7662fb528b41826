using System.Globalization;
using Azure.Data.Tables;
using Pipeline.Core.Capacity;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Capacity;

/// <summary>
/// <c>capacity</c>: PartitionKey <c>{ProviderName}|{SubAccountId}</c>, RowKey <c>{RegionId}|{kind}|{family}</c>, plus
/// <c>|{resource id}</c> where one family has several rows (a reservation's id, an OCI availability domain). <c>capacityhistory</c>:
/// PartitionKey <c>{ProviderName}|{yyyyMM}</c>, RowKey <c>{yyyyMMdd}|{SubAccountId}|{capacity RowKey}</c>.
/// Quantities are counts, stored as Double.
/// </summary>
public static class CapacityEntityMapper
{
    public static string PartitionKey(CapacityRecord r) => TableKey.Join(r.ProviderName, r.SubAccountId);

    public static string RowKey(CapacityRecord r) => r.ResourceId is { } id
        ? TableKey.Join(r.RegionId, Kind(r.Kind), r.Family, id)
        : TableKey.Join(r.RegionId, Kind(r.Kind), r.Family);

    public static string HistoryPartitionKey(CapacityRecord r) => TableKey.Join(r.ProviderName, r.SnapshotAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture));

    public static string HistoryRowKey(CapacityRecord r) =>
        $"{r.SnapshotAt.UtcDateTime:yyyyMMdd}{TableKey.Separator}{TableKey.Escape(r.SubAccountId)}{TableKey.Separator}{RowKey(r)}";

    public static TableEntity ToEntity(CapacityRecord r, string partitionKey, string rowKey)
    {
        var e = new TableEntity(partitionKey, rowKey)
        {
            ["ProviderName"] = r.ProviderName,
            ["SubAccountId"] = r.SubAccountId,
            ["RegionId"] = r.RegionId,
            ["Kind"] = Kind(r.Kind),
            ["Family"] = r.Family,
            ["ResourceId"] = r.ResourceId,
            ["x_AcceleratorModel"] = r.AcceleratorModel,
            ["Unit"] = r.Unit.ToString(),
            ["Limit"] = (double)r.Limit,
            ["Used"] = (double?)r.Used,
            ["Available"] = (double?)r.Available,
            ["GpusLimit"] = (double?)r.GpusLimit,
            ["GpusUsed"] = (double?)r.GpusUsed,
            ["GpusAvailable"] = (double?)r.GpusAvailable,
            ["Start"] = r.Start,
            ["End"] = r.End,
            ["x_SnapshotAt"] = r.SnapshotAt,
            ["x_Catalogued"] = r.Catalogued,
            ["x_Spot"] = r.Spot,
            ["x_Granted"] = (double?)r.Granted,
            ["x_State"] = r.State,
        };
        return e;
    }

    public static CapacityRecord FromEntity(TableEntity e) => new()
    {
        ProviderName = e.GetString("ProviderName"),
        SubAccountId = e.GetString("SubAccountId"),
        RegionId = e.GetString("RegionId"),
        Kind = ParseKind(e.GetString("Kind")),
        Family = e.GetString("Family"),
        ResourceId = e.GetString("ResourceId"),
        AcceleratorModel = e.GetString("x_AcceleratorModel"),
        Unit = Enum.Parse<CapacityUnit>(e.GetString("Unit")),
        Limit = (decimal)(e.GetDouble("Limit") ?? 0),
        Used = (decimal?)e.GetDouble("Used"),
        GpusLimit = (decimal?)e.GetDouble("GpusLimit"),
        GpusUsed = (decimal?)e.GetDouble("GpusUsed"),
        GpusAvailable = (decimal?)e.GetDouble("GpusAvailable"),
        Start = e.GetDateTimeOffset("Start"),
        End = e.GetDateTimeOffset("End"),
        SnapshotAt = e.GetDateTimeOffset("x_SnapshotAt") ?? default,
        Catalogued = e.GetBoolean("x_Catalogued") ?? false,
        Spot = e.GetBoolean("x_Spot") ?? false,
        Granted = (decimal?)e.GetDouble("x_Granted"),
        State = e.GetString("x_State"),
    };

    public static string Kind(CapacityKind kind) => kind switch
    {
        CapacityKind.Quota => "quota",
        CapacityKind.Reservation => "reservation",
        _ => "capacity-block",
    };

    private static CapacityKind ParseKind(string kind) => kind switch
    {
        "quota" => CapacityKind.Quota,
        "reservation" => CapacityKind.Reservation,
        _ => CapacityKind.CapacityBlock,
    };
}
