using System.Text.Json.Serialization;

namespace Pipeline.Application.Commitments;

/// <summary>The commitments file as written (see schemas/commitments.schema.json).</summary>
internal sealed record CommitmentFileDto([property: JsonPropertyName("commitments")] List<CommitmentDto> Commitments);

internal sealed record CommitmentDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("periods")] List<PeriodDto>? Periods,
    [property: JsonPropertyName("eligibility")] EligibilityDto? Eligibility,
    [property: JsonPropertyName("owners")] List<string>? Owners,
    [property: JsonPropertyName("acceleratorModel")] string? AcceleratorModel,
    [property: JsonPropertyName("regions")] List<string>? Regions,
    [property: JsonPropertyName("deliveries")] List<DeliveryDto>? Deliveries);

internal sealed record DeliveryDto(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("gpus")] int Gpus);

internal sealed record PeriodDto(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("amount")] decimal Amount);

internal sealed record EligibilityDto(
    [property: JsonPropertyName("billingAccountIds")] List<string>? BillingAccountIds,
    [property: JsonPropertyName("subAccountIds")] List<string>? SubAccountIds,
    [property: JsonPropertyName("serviceCategories")] List<string>? ServiceCategories,
    [property: JsonPropertyName("serviceNames")] List<string>? ServiceNames,
    [property: JsonPropertyName("excludeServiceNames")] List<string>? ExcludeServiceNames);

[JsonSerializable(typeof(CommitmentFileDto))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
internal sealed partial class CommitmentJsonContext : JsonSerializerContext;
