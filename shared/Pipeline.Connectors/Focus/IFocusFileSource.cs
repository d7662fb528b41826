namespace Pipeline.Connectors.Focus;

/// <summary>Where FOCUS export files live: a local file or folder, a Blob container prefix (S3 and others later).</summary>
public interface IFocusFileSource
{
    /// <summary>A description for logs and the <c>runs</c> table; never contains a secret.</summary>
    string Description { get; }

    IAsyncEnumerable<FocusFile> ListAsync(CancellationToken cancellationToken = default);
}
