using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Functions;

/// <summary>
/// Every exception leaving a function is replaced by its scrubbed copy (<see cref="ScrubbedException"/>) before the
/// Functions host logs it to Application Insights: SDK and provider messages can echo SAS tokens, keys or passwords.
/// The invocation still fails, so queue retries and poison handling are unchanged.
/// </summary>
internal sealed class ScrubExceptionsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ScrubbedException and not OperationCanceledException)
        {
            throw SecretScrubber.Scrub(ex);
        }
    }
}
