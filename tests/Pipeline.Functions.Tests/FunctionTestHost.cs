using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>The function app's service composition on Azurite with a private prefix (no Functions host is available here).</summary>
internal static class FunctionTestHost
{
    public static IHost Create(IDictionary<string, string?>? settings = null)
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
        return builder.Build();
    }
}
