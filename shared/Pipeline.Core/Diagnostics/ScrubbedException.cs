namespace Pipeline.Core.Diagnostics;

/// <summary>
/// Stands in for an exception whose messages may echo a credential: the original type's name, its message and every
/// inner exception's message scrubbed, and the original stack trace; no inner exception is kept, so nothing unscrubbed
/// travels with it into a log or the Functions host.
/// </summary>
public sealed class ScrubbedException : Exception
{
    private readonly string _stackTrace;

    internal ScrubbedException(Exception original)
        : base(SecretScrubber.Scrub(Messages(original)))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _stackTrace = SecretScrubber.Scrub(original.StackTrace);
        HResult = original.HResult;
    }

    /// <summary>The type of the exception this one replaces, e.g. <c>Azure.RequestFailedException</c>.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    public override string ToString() => $"{OriginalType}: {Message}{Environment.NewLine}{_stackTrace}";

    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" ---> ", messages);
    }
}
