using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Evaluations;

/// <summary>
/// The <c>evaluations</c> queue message: costs of one provider and billing account changed in
/// [<see cref="From"/>, <see cref="To"/>) by run <see cref="RunId"/>; evaluate what depends on them.
/// </summary>
public sealed record EvaluationRequest(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("providerName")] string ProviderName,
    [property: JsonPropertyName("billingAccountId")] string BillingAccountId,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("runId")] string RunId)
{
    public const string CostsKind = "costs";
    public const string CapacityKind = "capacity";

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Default.EvaluationRequest);

    public static EvaluationRequest FromJson(string json) =>
        JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.EvaluationRequest)
        ?? throw new JsonException("The evaluations message is empty.");
}
