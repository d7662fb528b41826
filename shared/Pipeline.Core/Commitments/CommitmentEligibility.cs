namespace Pipeline.Core.Commitments;

/// <summary>Which cost rows count toward a commitment. An empty list means "all"; exclusions always win.</summary>
public sealed record CommitmentEligibility
{
    public IReadOnlyList<string> BillingAccountIds { get; init; } = [];

    public IReadOnlyList<string> SubAccountIds { get; init; } = [];

    public IReadOnlyList<string> ServiceCategories { get; init; } = [];

    public IReadOnlyList<string> ServiceNames { get; init; } = [];

    public IReadOnlyList<string> ExcludeServiceNames { get; init; } = [];

    public bool Matches(string billingAccountId, string? subAccountId, string? serviceCategory, string? serviceName) =>
        Allows(BillingAccountIds, billingAccountId)
        && Allows(SubAccountIds, subAccountId)
        && Allows(ServiceCategories, serviceCategory)
        && Allows(ServiceNames, serviceName)
        && !(serviceName is not null && ExcludeServiceNames.Contains(serviceName, StringComparer.OrdinalIgnoreCase));

    private static bool Allows(IReadOnlyList<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));
}
