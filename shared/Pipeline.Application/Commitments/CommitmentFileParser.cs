using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Pipeline.Application.Commitments;

/// <summary>
/// Reads a commitments file: JSON syntax, then the published JSON schema, then the rules a schema cannot state
/// (dates that exist, periods in order without overlap, unique ids, ISO 4217 currency, sane amounts). Every problem
/// is collected with its JSON path; any problem rejects the whole file.
/// </summary>
public static class CommitmentFileParser
{
    /// <summary>A quadrillion: above any real contract, below where a typo of many zeros would land.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    private static readonly Lazy<JsonSchema> s_schema = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pipeline.Application.commitments.schema.json")
            ?? throw new InvalidOperationException("The embedded commitments schema is missing.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    public static IReadOnlyList<Commitment> Parse(string json)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidCommitmentFileException([new CommitmentFileProblem("$", $"not valid JSON: {ex.Message}")]);
        }

        var problems = SchemaProblems(document);
        if (problems.Count > 0)
        {
            throw new InvalidCommitmentFileException(problems);
        }

        CommitmentFileDto file;
        try
        {
            file = document.Deserialize(CommitmentJsonContext.Default.CommitmentFileDto)!;
        }
        catch (JsonException ex)
        {
            // The serializer's own message names internal types; say what is wrong with the value instead.
            var path = ex.Path ?? "$";
            var reason = path.EndsWith(".amount", StringComparison.Ordinal) || path.EndsWith(".gpus", StringComparison.Ordinal)
                ? $"exceeds the maximum of {MaxAmount:N0} or is not a plain number"
                : "has a value of the wrong type or out of range";
            throw new InvalidCommitmentFileException([new CommitmentFileProblem(path, reason)]);
        }

        var commitments = new List<Commitment>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < file.Commitments.Count; i++)
        {
            var path = $"$.commitments[{i}]";
            var dto = file.Commitments[i];
            if (!ids.Add(dto.Id))
            {
                problems.Add(new CommitmentFileProblem($"{path}.id", $"duplicate id '{dto.Id}'"));
            }

            if (dto.Currency is not null && CurrencyCodes.Normalize(dto.Currency) is null)
            {
                problems.Add(new CommitmentFileProblem($"{path}.currency", $"'{dto.Currency}' is not an ISO 4217 currency code"));
            }

            var owners = dto.Owners ?? [];
            for (var o = 0; o < owners.Count; o++)
            {
                if (!Pipeline.Notifications.Email.EmailAddressRules.IsValid(owners[o]))
                {
                    problems.Add(new CommitmentFileProblem($"{path}.owners[{o}]", $"'{owners[o]}' is not a single email address (local@domain; no lists, groups or display names)"));
                }
            }

            var periods = Periods(dto, path, problems);
            var deliveries = Deliveries(dto, path, problems);
            if (periods is not null && deliveries is not null)
            {
                commitments.Add(new Commitment
                {
                    Id = dto.Id,
                    Name = dto.Name,
                    ProviderName = dto.Provider,
                    Category = Enum.Parse<CommitmentCategory>(dto.Category),
                    Currency = dto.Currency ?? string.Empty,
                    Metric = dto.Metric is null ? CommitmentMetric.EffectiveCost : Enum.Parse<CommitmentMetric>(dto.Metric),
                    Periods = periods,
                    Eligibility = new CommitmentEligibility
                    {
                        BillingAccountIds = dto.Eligibility?.BillingAccountIds ?? [],
                        SubAccountIds = dto.Eligibility?.SubAccountIds ?? [],
                        ServiceCategories = dto.Eligibility?.ServiceCategories ?? [],
                        ServiceNames = dto.Eligibility?.ServiceNames ?? [],
                        ExcludeServiceNames = dto.Eligibility?.ExcludeServiceNames ?? [],
                    },
                    Owners = dto.Owners ?? [],
                    AcceleratorModel = dto.AcceleratorModel,
                    Regions = dto.Regions ?? [],
                    Deliveries = deliveries,
                });
            }
        }

        return problems.Count > 0 ? throw new InvalidCommitmentFileException(problems) : commitments;
    }

    private static List<CommitmentPeriod>? Periods(CommitmentDto dto, string path, List<CommitmentFileProblem> problems)
    {
        var periods = new List<CommitmentPeriod>();
        var before = problems.Count;
        var source = dto.Periods ?? [];
        for (var p = 0; p < source.Count; p++)
        {
            var at = $"{path}.periods[{p}]";
            var start = Date(source[p].Start, $"{at}.start", problems);
            var end = Date(source[p].End, $"{at}.end", problems);
            if (source[p].Amount > MaxAmount)
            {
                problems.Add(new CommitmentFileProblem($"{at}.amount", $"{source[p].Amount} exceeds the maximum of {MaxAmount:N0}"));
            }

            if (start is { } s && end is { } e)
            {
                if (e <= s)
                {
                    problems.Add(new CommitmentFileProblem($"{at}.end", $"end {e:yyyy-MM-dd} is not after start {s:yyyy-MM-dd} (end is exclusive)"));
                }
                else if (periods.Count > 0 && s < periods[^1].End)
                {
                    problems.Add(new CommitmentFileProblem($"{at}.start", $"starts {s:yyyy-MM-dd}, before the previous period ends ({periods[^1].End:yyyy-MM-dd}); periods must be in order and not overlap"));
                }

                periods.Add(new CommitmentPeriod(s, e, source[p].Amount));
            }
        }

        return problems.Count == before ? periods : null;
    }

    private static List<CapacityDelivery>? Deliveries(CommitmentDto dto, string path, List<CommitmentFileProblem> problems)
    {
        var deliveries = new List<CapacityDelivery>();
        var before = problems.Count;
        var source = dto.Deliveries ?? [];
        for (var d = 0; d < source.Count; d++)
        {
            if (Date(source[d].Date, $"{path}.deliveries[{d}].date", problems) is not { } date)
            {
                continue;
            }

            if (deliveries.Count > 0 && date <= deliveries[^1].Date)
            {
                problems.Add(new CommitmentFileProblem($"{path}.deliveries[{d}].date", $"{date:yyyy-MM-dd} is not after the previous delivery ({deliveries[^1].Date:yyyy-MM-dd}); list deliveries in date order"));
            }

            deliveries.Add(new CapacityDelivery(date, source[d].Gpus));
        }

        return problems.Count == before ? deliveries : null;
    }

    private static DateOnly? Date(string text, string path, List<CommitmentFileProblem> problems)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new CommitmentFileProblem(path, $"'{text}' is not a date (yyyy-MM-dd)"));
        return null;
    }

    private static List<CommitmentFileProblem> SchemaProblems(JsonNode? document)
    {
        var element = JsonSerializer.SerializeToElement(document);
        var result = s_schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new CommitmentFileProblem(ToPath(d.InstanceLocation.ToString()), Explain(e.Key, e.Value, d.InstanceLocation.ToString()))))
            .Distinct()
            .ToList();
    }

    /// <summary>The validator says "fails against the false schema" for a property the schema does not allow; say that.</summary>
    private static string Explain(string keyword, string message, string pointer) =>
        keyword == "falseSchema" || message.Contains("false schema", StringComparison.Ordinal)
            ? $"unknown property '{pointer[(pointer.LastIndexOf('/') + 1)..]}' (see schemas/commitments.schema.json)"
            : message;

    /// <summary>JSON pointer <c>/commitments/2/id</c> -> <c>$.commitments[2].id</c>.</summary>
    private static string ToPath(string pointer)
    {
        var path = "$";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(name, out var index) ? $"[{index}]" : $".{name}";
        }

        return path;
    }
}
