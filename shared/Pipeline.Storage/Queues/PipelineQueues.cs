namespace Pipeline.Storage.Queues;

/// <summary>Queue names the functions bind to (<c>%...%</c>-free, as the trigger attributes need constants).</summary>
public static class PipelineQueues
{
    public const string Evaluations = "evaluations";
    public const string Notifications = "notifications";
    public const string CapacityEvaluations = "capacity-evaluations";
}
