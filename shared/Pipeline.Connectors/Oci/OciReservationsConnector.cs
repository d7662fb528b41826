namespace Pipeline.Connectors.Oci;

/// <summary>
/// Compute capacity reservations (Core Services <c>20160918/computeCapacityReservations</c>) per configured region and
/// compartment: listed (paged by <c>opc-next-page</c>), then read one by one for their
/// <c>instanceReservationConfigs</c>. Each config of a GPU shape is a reservation observation: reserved =
/// <c>reservedCount</c>, used = <c>usedCount</c>, the shape mapped by the catalog, the fault domain in the resource id,
/// the reservation's <c>lifecycleState</c> kept. Reservations being created, deleted or failed hold no capacity and are
/// skipped; one that disappears between the list and its read (404) is skipped too.
/// </summary>
public sealed class OciReservationsConnector(IOptions<OciOptions> options, OciHttp http)
{
    /// <summary>Lifecycle states of a reservation that holds capacity (ComputeCapacityReservation.LifecycleState).</summary>
    private static readonly HashSet<string> Holding = new(StringComparer.OrdinalIgnoreCase) { "ACTIVE", "UPDATING", "MOVING" };

    public async Task<IReadOnlyList<CapacityObservation>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient();
        var observations = new List<CapacityObservation>();
        foreach (var region in o.Regions)
        {
            var endpoint = o.Endpoint(o.ComputeEndpoint, region);
            foreach (var compartment in o.EffectiveReservationCompartments)
            {
                string? page = null;
                var pages = new PageTokens(OciProvider.DisplayName, $"capacity reservations of {compartment} ({region})");
                do
                {
                    var (list, next) = await api.SendAsync(HttpMethod.Get, new Uri(endpoint,
                        $"20160918/computeCapacityReservations?compartmentId={Uri.EscapeDataString(compartment)}&limit=100" + (page is null ? string.Empty : "&page=" + Uri.EscapeDataString(page))),
                        null, cancellationToken).ConfigureAwait(false);
                    if (list.ValueKind != JsonValueKind.Array)
                    {
                        throw new ProviderBadResponseException(OciProvider.DisplayName, "the capacity reservation list is not a JSON array");
                    }

                    foreach (var summary in list.EnumerateArray())
                    {
                        var id = summary.RequiredString("id", "OCI capacity reservation", OciProvider.DisplayName);
                        if (summary.String("lifecycleState") is { } state && !Holding.Contains(state))
                        {
                            continue;
                        }

                        JsonElement reservation;
                        try
                        {
                            (reservation, _) = await api.SendAsync(HttpMethod.Get, new Uri(endpoint, $"20160918/computeCapacityReservations/{Uri.EscapeDataString(id)}"), null, cancellationToken)
                                .ConfigureAwait(false);
                        }
                        catch (ProviderUnauthorizedException ex) when (ex.Code == OciErrorClassifier.NotAuthorizedOrNotFound)
                        {
                            // Deleted since it was listed: it holds nothing now.
                            continue;
                        }

                        observations.AddRange(OciCapacityParser.ParseReservation(reservation, o.TenancyId!, region));
                    }

                    page = pages.Next(next);
                }
                while (page is not null);
            }
        }

        return observations;
    }
}
