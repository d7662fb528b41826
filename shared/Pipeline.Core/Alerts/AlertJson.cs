using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Alerts;

public static class AlertJson
{
    public static string Serialize(AlertCondition condition) => JsonSerializer.Serialize(condition, AlertJsonContext.Default.AlertCondition);

    public static AlertCondition Deserialize(string json) =>
        JsonSerializer.Deserialize(json, AlertJsonContext.Default.AlertCondition) ?? throw new JsonException("Empty alert condition.");

    public static string Serialize(NotificationRequest request) => JsonSerializer.Serialize(request, AlertJsonContext.Default.NotificationRequest);

    public static NotificationRequest DeserializeNotification(string json) =>
        JsonSerializer.Deserialize(json, AlertJsonContext.Default.NotificationRequest) ?? throw new JsonException("Empty notification message.");
}

[JsonSerializable(typeof(AlertCondition))]
[JsonSerializable(typeof(NotificationRequest))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
