using Azure;
using Pipeline.Storage;

namespace Pipeline.Application.Commitments;

/// <summary>
/// On Azure the commitments file lives in the <c>config</c> container as <c>commitments.json</c> (uploaded by the
/// azd postprovision hook, edited by FinOps). Each sync imports it; an invalid file is rejected whole and raises a
/// <c>commitments-file</c> alert listing every problem, which resolves once a valid file is synced.
/// </summary>
public sealed class CommitmentBlobSync(StorageClients clients, CommitmentImport import, AlertService alerts)
{
    public const string Container = "config";
    public const string BlobName = "commitments.json";
    public const string Rule = "commitments-file";

    /// <returns>False when there is no file to sync.</returns>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken = default)
    {
        var blob = clients.Blobs.GetBlobContainerClient(clients.Prefix + Container).GetBlobClient(BlobName);
        string json;
        try
        {
            json = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }

        var subject = $"{Container}/{BlobName}";
        try
        {
            await import.ImportAsync(json, cancellationToken).ConfigureAwait(false);
            await alerts.ApplyAsync(Rule, [subject], [], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCommitmentFileException ex)
        {
            await alerts.ApplyAsync(Rule, [subject], [new AlertCondition
            {
                Rule = Rule,
                SubjectKey = subject,
                Severity = AlertSeverity.Warning,
                Title = $"[CONFIG] {subject} is invalid: {ex.Problems.Count} problem(s); the previous commitments stay in force",
                Summary = "The commitments file was rejected as a whole. Fix the problems listed below and upload it again.",
                Facts = ex.Problems.Take(50).Select(p => new KeyValuePair<string, string>(p.Path, p.Reason)).ToList(),
                Fingerprint = string.Join('|', ex.Problems.Select(p => p.ToString())),
            }], cancellationToken).ConfigureAwait(false);
            throw;
        }

        return true;
    }
}
