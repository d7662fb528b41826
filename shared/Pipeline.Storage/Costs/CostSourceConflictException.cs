namespace Pipeline.Storage.Costs;

/// <summary>
/// A write would put a second source's rows beside another source's for the same provider, billing account and days
/// (e.g. a FOCUS export and the provider's API): both would be summed, counting the spend twice.
/// </summary>
public sealed class CostSourceConflictException(string provider, string billingAccountId, string source, string otherSource)
    : InvalidOperationException(
        $"{provider} billing account {billingAccountId} already has costs from '{otherSource}' for these days; writing '{source}' too would count them twice. " +
        $"Use one source per billing account, or remove the other's rows first: ./run.sh costs remove --source {otherSource} --provider \"{provider}\" --account \"{billingAccountId}\".")
{
    public string OtherSource { get; } = otherSource;
}
