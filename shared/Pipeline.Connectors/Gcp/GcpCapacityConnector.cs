using Pipeline.Connectors.Gcp.Auth;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// GPU capacity from Compute Engine: <c>regions.get</c> quotas (GPU metrics, counted in GPUs) per configured project and
/// region, and <c>reservations.aggregatedList</c> per project (every zone, <c>nextPageToken</c> paging).
/// </summary>
public sealed class GcpCapacityConnector(IOptions<GcpOptions> options, GcpHttp http)
{
    public async Task<IReadOnlyList<CapacityObservation>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient();
        var observations = new List<CapacityObservation>();
        foreach (var project in o.Projects)
        {
            foreach (var region in o.Regions)
            {
                var response = await api.SendAsync(HttpMethod.Get, new Uri(o.ComputeEndpoint, $"compute/v1/projects/{Uri.EscapeDataString(project)}/regions/{Uri.EscapeDataString(region)}"),
                    null, cancellationToken).ConfigureAwait(false);
                observations.AddRange(GcpCapacityParser.ParseRegion(response, project));
            }

            string? pageToken = null;
            var pages = new Common.PageTokens(GcpProvider.DisplayName, $"aggregated reservations of {project}");
            do
            {
                var page = await api.SendAsync(HttpMethod.Get, new Uri(o.ComputeEndpoint,
                    $"compute/v1/projects/{Uri.EscapeDataString(project)}/aggregated/reservations?maxResults=500&returnPartialSuccess=true"
                    + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken))), null, cancellationToken).ConfigureAwait(false);
                observations.AddRange(GcpCapacityParser.ParseReservations(page, project));
                pageToken = pages.Next(page.String("nextPageToken"));
            }
            while (pageToken is not null);
        }

        return observations;
    }
}
