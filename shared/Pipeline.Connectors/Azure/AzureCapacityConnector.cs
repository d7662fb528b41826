using System.Text.Json.Nodes;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// GPU capacity from Azure: Compute <c>locations/{location}/usages</c> (per-family vCPU quotas and the spot bucket)
/// per configured subscription and region, and capacity reservations (reserved = sku.capacity, used =
/// instanceView.utilizationInfo: allocated VMs as used, currentCapacity as granted) of every capacity reservation group in those subscriptions.
/// </summary>
public sealed class AzureCapacityConnector(IOptions<AzureOptions> options, ArmHttp http)
{
    public async Task<IReadOnlyList<CapacityObservation>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var arm = http.NewClient();
        var observations = new List<CapacityObservation>();
        foreach (var subscription in o.Subscriptions)
        {
            foreach (var region in o.Regions)
            {
                await foreach (var page in ListAsync(arm, $"subscriptions/{subscription}/providers/Microsoft.Compute/locations/{region}/usages?api-version={o.ComputeApiVersion}", cancellationToken)
                                   .ConfigureAwait(false))
                {
                    observations.AddRange(AzureCapacityParser.ParseUsages(page, subscription, region, AcceleratorCatalog.Default));
                }
            }

            var reservations = new JsonArray();
            await foreach (var groups in ListAsync(arm, $"subscriptions/{subscription}/providers/Microsoft.Compute/capacityReservationGroups?api-version={o.ComputeApiVersion}", cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var group in groups.Array("value"))
                {
                    var groupId = group.RequiredString("id", "capacity reservation group", AzureProvider.DisplayName).TrimStart('/');
                    await foreach (var list in ListAsync(arm, $"{groupId}/capacityReservations?api-version={o.ComputeApiVersion}", cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var reservation in list.Array("value"))
                        {
                            var id = reservation.RequiredString("id", "capacity reservation", AzureProvider.DisplayName).TrimStart('/');
                            using var detail = await arm.SendAsync(HttpMethod.Get, new Uri(o.ManagementEndpoint, $"{id}?api-version={o.ComputeApiVersion}&$expand=instanceView"), null, cancellationToken)
                                .ConfigureAwait(false);
                            if (detail is not null)
                            {
                                reservations.Add(JsonNode.Parse(detail.RootElement.GetRawText()));
                            }
                        }
                    }
                }
            }

            using var combined = JsonDocument.Parse(new JsonObject { ["value"] = reservations }.ToJsonString());
            observations.AddRange(AzureCapacityParser.ParseCapacityReservations(combined.RootElement));
        }

        return observations;
    }

    private static IAsyncEnumerable<JsonElement> ListAsync(ArmClient arm, string relative, CancellationToken cancellationToken) =>
        arm.ListAsync(new Uri(arm.Endpoint, relative), cancellationToken);
}
