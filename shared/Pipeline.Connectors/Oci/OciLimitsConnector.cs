namespace Pipeline.Connectors.Oci;

/// <summary>
/// GPU capacity from the Limits API: per configured region, the availability domains (Identity) and the compute GPU
/// limits (<c>Oci:GpuLimitNames</c>, else discovered from <c>limitDefinitions</c>: names containing "gpu" that support
/// resource availability), then <c>GetResourceAvailability</c> per limit and AD (or once for a regional limit). Values
/// are GPU counts. A limit that does not support availability in a region (404) is skipped.
/// </summary>
public sealed class OciLimitsConnector(IOptions<OciOptions> options, OciHttp http)
{
    public async Task<IReadOnlyList<CapacityObservation>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient();
        var tenancy = Uri.EscapeDataString(o.TenancyId!);
        var observations = new List<CapacityObservation>();
        ProviderUnauthorizedException? refused = null;
        foreach (var region in o.Regions)
        {
            var (domains, _) = await api.SendAsync(HttpMethod.Get, new Uri(o.Endpoint(o.IdentityEndpoint, region), $"20160918/availabilityDomains?compartmentId={tenancy}"), null, cancellationToken)
                .ConfigureAwait(false);
            var ads = domains.EnumerateArray().Select(d => d.RequiredString("name", "OCI availability domain", OciProvider.DisplayName)).ToList();
            var limits = await LimitsAsync(api, o, region, tenancy, cancellationToken).ConfigureAwait(false);
            foreach (var (name, adScoped) in limits)
            {
                foreach (var ad in adScoped ? ads.Cast<string?>() : [null])
                {
                    var uri = new Uri(o.Endpoint(o.LimitsEndpoint, region),
                        $"20190729/services/compute/limits/{Uri.EscapeDataString(name)}/resourceAvailability?compartmentId={tenancy}"
                        + (ad is null ? string.Empty : "&availabilityDomain=" + Uri.EscapeDataString(ad)));
                    try
                    {
                        var (availability, _) = await api.SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
                        observations.Add(OciCapacityParser.Parse(availability, o.TenancyId!, region, ad ?? region, name));
                    }
                    catch (ProviderUnauthorizedException ex) when (ex.Code == OciErrorClassifier.NotAuthorizedOrNotFound)
                    {
                        // "Not all resource limits support this API. If the value is not available, the API returns a 404."
                        refused ??= ex;
                    }
                }
            }
        }

        // One limit without availability is normal; every one refused is a missing "inspect resource-availability" policy,
        // which must show as a permissions error in runs, not as an empty snapshot.
        if (observations.Count == 0 && refused is not null)
        {
            throw new ProviderUnauthorizedException(OciProvider.DisplayName,
                $"every GPU limit's availability was refused ({OciErrorClassifier.NotAuthorizedOrNotFound}); grant the resource-availability policy in docs/oci.md. First refusal: {refused.Message}",
                OciErrorClassifier.NotAuthorizedOrNotFound);
        }

        return observations;
    }

    private static async Task<List<(string Name, bool AdScoped)>> LimitsAsync(OciApiClient api, OciOptions o, string region, string tenancy, CancellationToken cancellationToken)
    {
        if (o.GpuLimitNames.Count > 0)
        {
            return o.GpuLimitNames.Select(n => (n, true)).ToList();
        }

        var limits = new List<(string, bool)>();
        string? page = null;
        var pages = new PageTokens(OciProvider.DisplayName, $"limit definitions ({region})");
        do
        {
            var (definitions, next) = await api.SendAsync(HttpMethod.Get, new Uri(o.Endpoint(o.LimitsEndpoint, region),
                $"20190729/limitDefinitions?compartmentId={tenancy}&serviceName=compute&limit=1000" + (page is null ? string.Empty : "&page=" + Uri.EscapeDataString(page))),
                null, cancellationToken).ConfigureAwait(false);
            foreach (var d in definitions.EnumerateArray())
            {
                var name = d.RequiredString("name", "OCI limit definition", OciProvider.DisplayName);
                if (name.Contains("gpu", StringComparison.OrdinalIgnoreCase) && d.Property("isResourceAvailabilitySupported") is not { ValueKind: System.Text.Json.JsonValueKind.False }
                    && d.Property("isDeprecated") is not { ValueKind: System.Text.Json.JsonValueKind.True })
                {
                    limits.Add((name, !string.Equals(d.String("scopeType"), "REGION", StringComparison.OrdinalIgnoreCase)));
                }
            }

            page = pages.Next(next);
        }
        while (page is not null);

        return limits;
    }
}
