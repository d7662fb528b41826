using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Commitments;
using Pipeline.Application.Options;

namespace Pipeline.Functions.Operations;

/// <summary>Imports <c>config/commitments.json</c> from Blob Storage into the <c>commitments</c> table on a schedule.</summary>
public sealed partial class SyncCommitments(CommitmentBlobSync sync, ILogger<SyncCommitments> logger)
{
    [Function(nameof(SyncCommitments))]
    public async Task RunAsync([TimerTrigger("%" + ScheduleSettings.CommitmentsSync + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        try
        {
            if (!await sync.SyncAsync(cancellationToken))
            {
                LogMissing(CommitmentBlobSync.Container, CommitmentBlobSync.BlobName);
            }
        }
        catch (InvalidCommitmentFileException ex)
        {
            // Already raised as a commitments-file alert; the commitments in force are unchanged.
            LogInvalid(ex.Problems.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Container}/{Blob} to sync; commitments are unchanged")]
    private partial void LogMissing(string container, string blob);

    [LoggerMessage(Level = LogLevel.Error, Message = "The commitments file was rejected with {Count} problem(s); see the commitments-file alert")]
    private partial void LogInvalid(int count);
}
