using Microsoft.Azure.Functions.Worker;
using Moq;
using Pipeline.Core.Diagnostics;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>What the Functions host gets to log when a function fails: the scrubbed copy, never the credential an SDK echoed.</summary>
public class ScrubExceptionsMiddlewareTests
{
    [Fact]
    public async Task A_failing_function_surfaces_a_scrubbed_exception_for_every_credential_pattern()
    {
        var middleware = new ScrubExceptionsMiddleware();
        foreach (var (name, text) in SecretPatterns.All)
        {
            var act = () => middleware.Invoke(Mock.Of<FunctionContext>(), _ => throw new Azure.RequestFailedException(403, "AuthorizationFailure", new IOException(text)));

            var thrown = (await act.Should().ThrowAsync<ScrubbedException>()).Which;
            thrown.ToString().Should().NotContain(SecretPatterns.Secret, name).And.StartWith("Azure.RequestFailedException: ");
            thrown.InnerException.Should().BeNull();
        }
    }

    [Fact]
    public async Task A_successful_function_and_a_cancellation_pass_through_untouched()
    {
        var middleware = new ScrubExceptionsMiddleware();
        var ran = false;

        await middleware.Invoke(Mock.Of<FunctionContext>(), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        var cancelled = () => middleware.Invoke(Mock.Of<FunctionContext>(), _ => throw new OperationCanceledException());

        ran.Should().BeTrue();
        await cancelled.Should().ThrowExactlyAsync<OperationCanceledException>();
    }
}
