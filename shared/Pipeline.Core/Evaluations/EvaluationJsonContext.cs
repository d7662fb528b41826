using System.Text.Json.Serialization;

namespace Pipeline.Core.Evaluations;

[JsonSerializable(typeof(EvaluationRequest))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
