using Pipeline.Connectors.Azure;
using Pipeline.Core.Capacity;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>GPU quotas (Compute usages) and capacity reservation groups through the ARM client.</summary>
public sealed class AzureCapacityConnectorTests : IDisposable
{
    private const string Sub = "00000000-0000-0000-0000-0000000000aa";
    private readonly AzureStub _azure = new();

    [Fact]
    public async Task Gpu_quotas_and_gpu_capacity_reservations_are_read_per_subscription_and_region()
    {
        _azure.Server.Given(_azure.Get($"/subscriptions/{Sub}/providers/Microsoft.Compute/locations/eastus2/usages").WithParam("api-version", "2024-07-01")).RespondWith(AzureStub.Json("""
            { "value": [
              { "unit": "Count", "currentValue": 312, "limit": 2000, "name": { "value": "cores", "localizedValue": "Total Regional vCPUs" } },
              { "unit": "Count", "currentValue": 192, "limit": 384, "name": { "value": "standardNDSH100v5Family", "localizedValue": "Standard NDSH100v5 Family vCPUs" } },
              { "unit": "Count", "currentValue": 48, "limit": 96, "name": { "value": "Standard NCASv3_T4 Family", "localizedValue": "Standard NCASv3_T4 Family vCPUs" } },
              { "unit": "Count", "currentValue": 8, "limit": 100, "name": { "value": "standardDSv5Family", "localizedValue": "Standard DSv5 Family vCPUs" } } ] }
            """));
        const string group = $"subscriptions/{Sub}/resourceGroups/gpu/providers/Microsoft.Compute/capacityReservationGroups/h100";
        _azure.Server.Given(_azure.Get($"/subscriptions/{Sub}/providers/Microsoft.Compute/capacityReservationGroups")).RespondWith(AzureStub.Json($$"""
            { "value": [ { "name": "h100", "id": "/{{group}}", "type": "Microsoft.Compute/CapacityReservationGroups", "location": "East US 2" } ] }
            """));
        _azure.Server.Given(_azure.Get($"/{group}/capacityReservations")).RespondWith(AzureStub.Json($$"""
            { "value": [ { "name": "nd", "id": "/{{group}}/capacityReservations/nd" }, { "name": "web", "id": "/{{group}}/capacityReservations/web" } ] }
            """));
        _azure.Server.Given(_azure.Get($"/{group}/capacityReservations/nd").WithParam("$expand", "instanceView")).RespondWith(AzureStub.Json($$"""
            { "id": "/{{group}}/capacityReservations/nd", "name": "nd", "location": "eastus2", "sku": { "name": "Standard_ND96isr_H100_v5", "capacity": 4 },
              "properties": { "provisioningState": "Succeeded", "instanceView": { "utilizationInfo": { "currentCapacity": 4,
                "virtualMachinesAllocated": [ { "id": "/subscriptions/{{Sub}}/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/a" },
                  { "id": "/subscriptions/{{Sub}}/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/b" },
                  { "id": "/subscriptions/{{Sub}}/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/c" } ] } } } }
            """));
        _azure.Server.Given(_azure.Get($"/{group}/capacityReservations/web").WithParam("$expand", "instanceView")).RespondWith(AzureStub.Json($$"""
            { "id": "/{{group}}/capacityReservations/web", "name": "web", "location": "eastus2", "sku": { "name": "Standard_DS1_v2", "capacity": 10 },
              "properties": { "instanceView": { "utilizationInfo": { "currentCapacity": 10 } } } }
            """));
        var connector = _azure.Connector<AzureCapacityConnector>(o => { o.Subscriptions = [Sub]; o.Regions = ["eastus2"]; });

        var observations = await connector.PullAsync();

        observations.Where(o => o.Kind == CapacityKind.Quota).Select(o => (o.Family, o.Limit, o.Used))
            .Should().Equal(("standardNDSH100v5Family", 384m, (decimal?)192m), ("Standard NCASv3_T4 Family", 96m, (decimal?)48m));
        observations.Where(o => o.Kind == CapacityKind.Reservation).Should().ContainSingle("a capacity reservation of a CPU size is not GPU capacity")
            .Which.Should().Be(new CapacityObservation("Microsoft", Sub, "eastus2", CapacityKind.Reservation, "Standard_ND96isr_H100_v5", 4, 3, $"/{group}/capacityReservations/nd",
                Granted: 4, State: "Succeeded"));
    }

    [Fact]
    public async Task A_subscription_without_reservation_groups_yields_only_quotas()
    {
        _azure.Server.Given(_azure.Get($"/subscriptions/{Sub}/providers/Microsoft.Compute/locations/westus3/usages")).RespondWith(AzureStub.Json("""
            { "value": [ { "unit": "Count", "currentValue": 0, "limit": 0, "name": { "value": "standardNDISRH200V5Family" } } ] }
            """));
        _azure.Server.Given(_azure.Get($"/subscriptions/{Sub}/providers/Microsoft.Compute/capacityReservationGroups")).RespondWith(AzureStub.Json("""{ "value": [] }"""));
        var connector = _azure.Connector<AzureCapacityConnector>(o => { o.Subscriptions = [Sub]; o.Regions = ["westus3"]; });

        var observations = await connector.PullAsync();

        observations.Should().ContainSingle().Which.Should().Match<CapacityObservation>(o => o.Family == "standardNDISRH200V5Family" && o.Limit == 0);
    }

    public void Dispose() => _azure.Dispose();
}
