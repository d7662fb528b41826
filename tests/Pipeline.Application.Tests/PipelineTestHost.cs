using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Testing;

namespace Pipeline.Application.Tests;

/// <summary>The production composition (<see cref="PipelineServiceCollectionExtensions.AddPipeline"/>) on Azurite with a private prefix and a pinned clock.</summary>
internal static class PipelineTestHost
{
    public static IHost Create(string prefix, IDictionary<string, string?>? settings = null, TimeProvider? time = null, Azure.Core.TokenCredential? credential = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPipeline();

        // Never the wall clock: a test that does not pin its own "now" gets the suite's (TestClock).
        builder.Services.AddSingleton(time ?? new InstantTimeProvider(TestClock.Now));

        if (credential is not null)
        {
            builder.Services.AddSingleton(credential);
        }

        services?.Invoke(builder.Services);

        return builder.Build();
    }
}
