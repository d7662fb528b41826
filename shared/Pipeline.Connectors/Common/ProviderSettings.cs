using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Pipeline.Connectors.Common;

/// <summary>
/// Provider settings are checked when the provider runs, not at start-up: one cloud's bad setting fails that cloud's
/// runs (recorded in <c>runs</c>, raised by the watchdog) and leaves the other clouds' functions running.
/// </summary>
public static class ProviderSettings
{
    // What App Service passes through, unchanged, when it cannot resolve a reference (secret missing, no access).
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The options' value, or a <see cref="ProviderSettingsException"/> naming every invalid setting.</summary>
    public static T ValueFor<T>(this IOptions<T> options, string provider, string section)
        where T : class
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException ex)
        {
            throw Invalid(provider, section, ex);
        }
    }

    public static ProviderSettingsException Invalid(string provider, string section, OptionsValidationException ex) =>
        new(provider, section, [.. ex.Failures.Select(f => f.TrimEnd())]);

    /// <summary>
    /// A setting still holding <c>@Microsoft.KeyVault(...)</c> is a reference the platform could not resolve; said as
    /// such (with the secret it names, which is not itself secret) instead of as a malformed value.
    /// </summary>
    public static IEnumerable<ValidationResult> UnresolvedKeyVaultReferences(object options, string section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.CanRead))
        {
            if (property.GetValue(options) is string value && value.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase))
            {
                var reference = value.Trim()[KeyVaultReference.Length..].TrimEnd(')');
                yield return new ValidationResult(
                    $"{section}:{property.Name} is an unresolved Key Vault reference ({reference}): the app could not read the secret. " +
                    "Check that the secret exists and that the app's identity has Key Vault Secrets User on the vault (docs/deploy.md).",
                    [property.Name]);
            }
        }
    }

    /// <summary>Whether a value is an unresolved Key Vault reference (so format checks on it are skipped).</summary>
    public static bool IsUnresolvedReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase);
}
