using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Commitments;

/// <summary>The stored definition of a commitment (x_Definition in the commitments table): exact and versionable.</summary>
public static class CommitmentJson
{
    public static string Serialize(Commitment commitment) => JsonSerializer.Serialize(commitment, CommitmentDefinitionContext.Default.Commitment);

    public static Commitment Deserialize(string json) =>
        JsonSerializer.Deserialize(json, CommitmentDefinitionContext.Default.Commitment) ?? throw new JsonException("Empty commitment definition.");
}

[JsonSerializable(typeof(Commitment))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true)]
internal sealed partial class CommitmentDefinitionContext : JsonSerializerContext;
