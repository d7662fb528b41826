namespace Pipeline.Application.Commitments;

/// <summary>One problem in a commitments file: a JSON path (<c>$.commitments[2].periods[0].end</c>) and the reason.</summary>
public sealed record CommitmentFileProblem(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
