namespace Pipeline.Core.Runs;

public enum RunStatus
{
    Succeeded,
    Failed,
}
