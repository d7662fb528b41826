using Azure;
using Microsoft.Extensions.Options;
using Pipeline.Http;

namespace Pipeline.Cli;

/// <summary>
/// The CLI's exit codes (README, "Exit codes") and the one line it prints for a failure it did not handle itself. A
/// script can tell "fix the settings" from "the provider refused" from "the storage account refused" by the code.
/// </summary>
internal static class CliExit
{
    public const int Ok = 0;

    /// <summary>A run or an input was rejected; what and why is printed above.</summary>
    public const int Failed = 1;

    /// <summary>A setting is missing or invalid (the message names it).</summary>
    public const int Configuration = 2;

    /// <summary>A cloud provider's API refused or failed (provider, HTTP status, its code and message, request id).</summary>
    public const int Provider = 3;

    /// <summary>The pipeline's storage account (or a Blob source) refused or could not be reached.</summary>
    public const int Storage = 4;

    public const int Cancelled = 130;

    /// <summary>The exit code of a failure.</summary>
    public static int Code(Exception exception) => Unwrap(exception) switch
    {
        OperationCanceledException => Cancelled,
        ProviderSettingsException or OptionsValidationException => Configuration,
        ConnectorException => Provider,
        RequestFailedException => Storage,
        _ => Failed,
    };

    /// <summary>What the failure line says (before <see cref="CliOutput.Failure"/> scrubs it and puts it on one line).</summary>
    public static string Message(Exception exception) => Unwrap(exception) switch
    {
        OptionsValidationException options => "invalid settings: " + string.Join(" ", options.Failures),
        RequestFailedException storage => StorageLine(storage),
        var ex => ex.Message,
    };

    /// <summary>
    /// "storage: HTTP 403 AuthorizationPermissionMismatch: This request is not authorized ... (request id ...)": the
    /// SDK's message runs over many lines of headers and content; the first line carries the service's own words.
    /// </summary>
    private static string StorageLine(RequestFailedException ex)
    {
        var response = ex.GetRawResponse();
        var requestId = response?.Headers.RequestId;
        var first = ex.Message.Split('\n', 2)[0].Trim();
        var status = ex.Status == 0 ? "unreachable" : $"HTTP {ex.Status}";
        return $"storage: {status}{(string.IsNullOrEmpty(ex.ErrorCode) ? string.Empty : " " + ex.ErrorCode)}: {first}"
               + (string.IsNullOrEmpty(requestId) ? string.Empty : $" (x-ms-request-id {requestId})")
               + (ex.Status is 401 or 403 ? ". Check the storage data roles of the signed-in identity (docs/deploy.md)." : string.Empty);
    }

    /// <summary>Azure.Core's retry ends in an AggregateException of every attempt; the last attempt is the story.</summary>
    private static Exception Unwrap(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Unwrap(aggregate.InnerExceptions[^1]),
        _ => ex,
    };
}
