namespace Pipeline.Http;

/// <summary>
/// The few failures a connector reports, whatever the provider: callers handle each differently (retry later, fix
/// credentials, report the provider's bad data, wait for the provider). Messages never contain credentials.
/// </summary>
public abstract class ConnectorException(string provider, string message, Exception? inner = null) : Exception($"{provider}: {message}", inner)
{
    public string Provider { get; } = provider;

    /// <summary>The message without the provider's name in front (for wrapping it with more advice).</summary>
    public string Detail { get; } = message;
}

/// <summary>The provider kept throttling past the retry budget.</summary>
public sealed class ProviderThrottledException(string provider, string message) : ConnectorException(provider, message);

/// <summary>Credentials are missing, wrong, expired or lack a permission; retrying will not help. <see cref="Code"/> is the provider's error code, when it sent one.</summary>
public sealed class ProviderUnauthorizedException(string provider, string message, string? code = null) : ConnectorException(provider, message)
{
    public string? Code { get; } = code;
}

/// <summary>The provider answered with something we cannot read (malformed or truncated body, unexpected shape).</summary>
public sealed class ProviderBadResponseException(string provider, string message, Exception? inner = null) : ConnectorException(provider, message, inner);

/// <summary>The provider is down or keeps failing (5xx past the retry budget), or the data is not available yet.</summary>
public sealed class ProviderUnavailableException(string provider, string message) : ConnectorException(provider, message);

/// <summary>The provider rejected the request itself (a client error that is our configuration's fault).</summary>
public sealed class ProviderRequestException(string provider, string code, string message) : ConnectorException(provider, $"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>
/// The provider's own settings are invalid (a required setting missing, an unresolved Key Vault reference): only
/// this provider's runs fail, each naming the settings in <see cref="Failures"/>; the rest of the app keeps running.
/// </summary>
public sealed class ProviderSettingsException(string provider, string section, IReadOnlyList<string> failures)
    : ConnectorException(provider, $"the {section} settings are invalid, so nothing of it runs until they are fixed: {string.Join(" ", failures)}")
{
    public string Section { get; } = section;

    public IReadOnlyList<string> Failures { get; } = failures;
}
