using System.Net.Http.Headers;

namespace Pipeline.Http;

/// <summary>
/// One provider's error rules, the only provider-specific part of its HTTP pipeline: how to read its error envelope
/// and headers into a <see cref="ProviderError"/>, and which <see cref="ConnectorException"/> a final failure becomes
/// (with the provider's own advice: which role, which setting, which doc).
/// </summary>
public interface IProviderErrorClassifier
{
    /// <summary>How errors name the cloud ("AWS", "Azure", "Google Cloud", "Oracle Cloud").</summary>
    string Provider { get; }

    ProviderError Classify(int status, HttpResponseHeaders headers, string body);

    ConnectorException ToException(ProviderError error, FailedCall call);
}
