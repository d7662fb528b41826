using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Options;

/// <summary>FOCUS export locations that the <c>IngestFocusExports</c> timer reads (<c>FocusExports:Sources:0</c>, ...).</summary>
public sealed class FocusExportOptions : IValidatableObject
{
    public const string SectionName = "FocusExports";

    /// <summary>Local paths or Blob URLs (folder prefixes or single files).</summary>
    public List<string> Sources { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Sources.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Sources[i]))
            {
                yield return new ValidationResult($"FocusExports:Sources:{i} is empty.", [nameof(Sources)]);
            }
            else if (Uri.TryCreate(Sources[i], UriKind.Absolute, out var uri) && !uri.IsFile && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            {
                yield return new ValidationResult($"FocusExports:Sources:{i} must be an https URL (plain http only for a loopback emulator).", [nameof(Sources)]);
            }
        }
    }
}
