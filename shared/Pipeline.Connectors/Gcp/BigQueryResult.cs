namespace Pipeline.Connectors.Gcp;

/// <summary>A finished query: column names, rows of cell strings (BigQuery sends every scalar as a string or null) and bytes processed.</summary>
public sealed record BigQueryResult(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows, long BytesProcessed)
{
    public int Column(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new Pipeline.Http.ProviderBadResponseException(GcpProvider.DisplayName, $"query result has no '{name}' column (columns: {string.Join(", ", Columns)})");
    }
}
