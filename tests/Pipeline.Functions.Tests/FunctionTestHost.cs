using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>The function app's service composition on Azurite with a private prefix (no Functions host is available here).</summary>
internal static class FunctionTestHost
{
    public static IHost Create(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = TestStorage.NewPrefix(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPipeline();

        // Never the wall clock: a test that does not pin its own "now" gets the suite's (TestClock).
        builder.Services.AddSingleton(time ?? new InstantTimeProvider(TestClock.Now));
        return builder.Build();
    }
}
