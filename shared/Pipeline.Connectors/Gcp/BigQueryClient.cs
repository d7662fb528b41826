using System.Text.Json.Nodes;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// BigQuery <c>jobs.query</c> in standard SQL with named parameters, then <c>jobs.getQueryResults</c> while
/// <c>jobComplete</c> is false and for every <c>pageToken</c> to the last page. A byte ceiling
/// (<c>maximumBytesBilled</c>) guards the cost. Only <c>status.errorResult</c> (or an HTTP error) fails a job: the
/// <c>errors</c> array holds errors <em>or warnings</em> ("do not necessarily mean that the job has not completed or
/// was unsuccessful"), and <c>totalRows</c> (a string) is not checked against the pages, which are read to the end.
/// </summary>
public sealed class BigQueryClient(GoogleApiClient api, Uri endpoint, TimeProvider time)
{
    public async Task<BigQueryResult> QueryAsync(string project, string location, string sql, IReadOnlyDictionary<string, string> parameters, long maximumBytesBilled,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["query"] = sql,
            ["useLegacySql"] = false,
            ["location"] = location,
            ["parameterMode"] = "NAMED",
            ["queryParameters"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Key, ["parameterType"] = new JsonObject { ["type"] = "STRING" }, ["parameterValue"] = new JsonObject { ["value"] = p.Value },
            }).ToArray()),
            ["maxResults"] = 10000,
            ["timeoutMs"] = 20000,
            ["maximumBytesBilled"] = maximumBytesBilled.ToString(CultureInfo.InvariantCulture),
            ["formatOptions"] = new JsonObject { ["useInt64Timestamp"] = true },
            ["labels"] = new JsonObject { ["pipeline"] = "multicloud-cost" },
        };
        // The query job is what BigQuery bills (by bytes processed); polls and pages are free.
        var page = await api.SendAsync(HttpMethod.Post, new Uri(endpoint, $"bigquery/v2/projects/{Uri.EscapeDataString(project)}/queries"), request.ToJsonString(), cancellationToken,
            paid: true).ConfigureAwait(false);
        var job = page.Property("jobReference")?.String("jobId") ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, "query response has no jobReference.jobId");
        var jobLocation = page.Property("jobReference")?.String("location") ?? location;
        var deadline = time.GetUtcNow() + timeout;
        string Results(string? pageToken) =>
            $"bigquery/v2/projects/{Uri.EscapeDataString(project)}/queries/{Uri.EscapeDataString(job)}?location={Uri.EscapeDataString(jobLocation)}&timeoutMs=20000&maxResults=10000&formatOptions.useInt64Timestamp=true"
            + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken));

        while (page.Property("jobComplete") is not { ValueKind: JsonValueKind.True })
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new ProviderUnavailableException(GcpProvider.DisplayName, $"query job {job} did not complete within {timeout.TotalMinutes:0} minutes");
            }

            page = await api.SendAsync(HttpMethod.Get, new Uri(endpoint, Results(null)), null, cancellationToken).ConfigureAwait(false);
        }

        ThrowJobErrors(page, job);
        var columns = page.Property("schema")?.Array("fields").Select(f => f.RequiredString("name", "query schema field", GcpProvider.DisplayName)).ToList()
            ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, $"completed job {job} has no schema");
        var bytes = long.TryParse(page.String("totalBytesProcessed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 0;
        var rows = new List<string?[]>();
        var pages = new PageTokens(GcpProvider.DisplayName, $"query job {job} results");
        while (true)
        {
            foreach (var row in page.Array("rows"))
            {
                var cells = row.Array("f").Select(Cell).ToArray();
                if (cells.Length != columns.Count)
                {
                    throw new ProviderBadResponseException(GcpProvider.DisplayName, $"query row {rows.Count + 1} has {cells.Length} cells for {columns.Count} columns");
                }

                rows.Add(cells);
            }

            if (pages.Next(page.String("pageToken")) is not { } token)
            {
                break;
            }

            page = await api.SendAsync(HttpMethod.Get, new Uri(endpoint, Results(token)), null, cancellationToken).ConfigureAwait(false);
            ThrowJobErrors(page, job);
        }

        return new BigQueryResult(columns, rows, bytes);
    }

    private static string? Cell(JsonElement cell) => cell.Property("v") switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        var other => throw new ProviderBadResponseException(GcpProvider.DisplayName, $"query cell is a {other.Value.ValueKind}, not a scalar (select scalar columns only)"),
    };

    private static void ThrowJobErrors(JsonElement page, string job)
    {
        if (page.Property("status")?.Property("errorResult") is { ValueKind: JsonValueKind.Object } error)
        {
            throw new ProviderRequestException(GcpProvider.DisplayName, error.String("reason") ?? "jobError", $"query job {job} failed: {error.String("message")}");
        }
    }
}
