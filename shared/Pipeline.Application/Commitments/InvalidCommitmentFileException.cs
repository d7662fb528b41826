namespace Pipeline.Application.Commitments;

/// <summary>The commitments file is rejected as a whole; <see cref="Problems"/> lists every problem found.</summary>
public sealed class InvalidCommitmentFileException(IReadOnlyList<CommitmentFileProblem> problems)
    : Exception($"The commitments file is invalid ({problems.Count} problem(s)); nothing was imported:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<CommitmentFileProblem> Problems { get; } = problems;
}
