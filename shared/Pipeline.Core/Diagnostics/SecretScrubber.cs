using System.Text.RegularExpressions;

namespace Pipeline.Core.Diagnostics;

/// <summary>
/// Removes credentials that SDK and provider error messages echo, before anything records or logs them: SAS
/// signatures and account or access keys in connection strings and URLs (<c>sig=</c>, <c>AccountKey=</c>,
/// <c>accesskey=</c>, <c>SharedAccessKey=</c>, <c>X-Amz-Signature</c>, <c>X-Amz-Security-Token</c>, <c>password=</c>,
/// <c>access_token=</c>, ...), the same names as JSON or INI fields (<c>"SecretAccessKey": "..."</c>,
/// <c>aws_secret_access_key = ...</c>), authorization headers (Bearer, Basic, OCI's <c>signature="..."</c>), PEM
/// private keys (also JSON-escaped inside a Google key file) and the user info of URLs (<c>user:pass@host</c>).
/// </summary>
public static partial class SecretScrubber
{
    public const string Mask = "***";

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        text = PemKey().Replace(text, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        text = JsonField().Replace(text, m => m.Groups["head"].Value + Mask + "\"");
        text = Assignment().Replace(text, m => m.Groups["name"].Value + Mask);
        text = Authorization().Replace(text, m => m.Groups["scheme"].Value + Mask);
        text = OciSignature().Replace(text, m => m.Groups["name"].Value + Mask + "\"");
        text = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        return text;
    }

    /// <summary>An exception safe to log or rethrow across a boundary: its own and every inner message scrubbed, no inner exceptions kept.</summary>
    public static Exception Scrub(Exception exception) => exception as ScrubbedException ?? new ScrubbedException(exception);

    private const string SecretNames =
        "sig|signature|AccountKey|accesskey|SharedAccessKey|SharedAccessSignature|client_secret|clientSecret|X-Amz-Signature|X-Amz-Security-Token|"
        + "password|passwd|pwd|access_token|refresh_token|id_token|SecretAccessKey|aws_secret_access_key|aws_session_token|SessionToken|private_key|PrivateKeyPem|"
        + "PrivateKeyPassphrase|secret";

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PemKey();

    [GeneratedRegex(@"(?<head>""(?:" + SecretNames + @")""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonField();

    [GeneratedRegex(@"(?<name>(?<![A-Za-z0-9_-])(?:" + SecretNames + @")\s*[=:]\s*)(?!\*\*\*)[^&;,\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-_\.=+/]+", RegexOptions.IgnoreCase)]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?<name>\bsignature\s*=\s*"")[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex OciSignature();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]*://)[^/\s@:""'<>]+:[^/\s@""'<>]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
