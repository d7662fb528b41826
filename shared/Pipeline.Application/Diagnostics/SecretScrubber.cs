using System.Text.RegularExpressions;

namespace Pipeline.Application.Diagnostics;

/// <summary>Removes credentials that SDK error messages may echo (SAS signatures, account keys, bearer tokens).</summary>
public static partial class SecretScrubber
{
    public static string Scrub(string text) => Secrets().Replace(text, m => m.Groups["name"].Value + "***");

    [GeneratedRegex(@"(?<name>(?:sig|AccountKey|SharedAccessSignature|client_secret|X-Amz-Signature|Signature|password)=)[^&;\s""']+|(?<name>Bearer )[A-Za-z0-9\-_\.=]+", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
