using Pipeline.Core.Commitments;

namespace Pipeline.Connectors.Common;

/// <summary>
/// The commitments a provider reports, and the items it could not read as one (each named with why): an odd item is
/// reported in the run, never fatal to the others.
/// </summary>
public sealed record CommitmentPull(IReadOnlyList<Commitment> Commitments, IReadOnlyList<string> Skipped)
{
    public static CommitmentPull Of(IReadOnlyList<Commitment> commitments) => new(commitments, []);
}
