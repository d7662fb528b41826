using System.ComponentModel.DataAnnotations;

namespace Pipeline.Storage;

/// <summary>
/// Where the pipeline's tables and queues live. Locally a connection string (Azurite:
/// <c>UseDevelopmentStorage=true</c>); on Azure the service URIs with a managed identity, no keys.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary><c>Storage:ConnectionString</c>. Takes precedence over the service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:TableServiceUri</c>, e.g. <c>https://acct.table.core.windows.net</c> (Entra ID auth).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary><c>Storage:QueueServiceUri</c>, e.g. <c>https://acct.queue.core.windows.net</c> (Entra ID auth).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary><c>Storage:BlobServiceUri</c>, e.g. <c>https://acct.blob.core.windows.net</c> (Entra ID auth).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary><c>Storage:ManagedIdentityClientId</c>: the user-assigned identity to use on Azure.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// <c>Storage:TablePrefix</c>: prepended to every table and queue name (tests and side-by-side environments);
    /// empty in production so the names are exactly <c>costs</c>, <c>runs</c>, <c>evaluations</c>.
    /// </summary>
    [RegularExpression("^([a-z][a-z0-9]{0,19})?$", ErrorMessage = "Storage:TablePrefix must be empty or up to 20 lower-case letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        if (TableServiceUri is null || QueueServiceUri is null)
        {
            yield return new ValidationResult(
                "Storage is not configured: set Storage:ConnectionString (Azurite: UseDevelopmentStorage=true) or Storage:TableServiceUri and Storage:QueueServiceUri.",
                [nameof(ConnectionString), nameof(TableServiceUri), nameof(QueueServiceUri)]);
        }
    }
}
