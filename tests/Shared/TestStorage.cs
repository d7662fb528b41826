using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Pipeline.Storage;
using Pipeline.Storage.Tables;

namespace Pipeline.Testing;

/// <summary>
/// Azurite started by ./test.sh (PIPELINE_TEST_STORAGE), or a developer's own on the default ports.
/// Every test gets its own table/queue prefix, so tests never see each other's rows.
/// </summary>
public static class TestStorage
{
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PIPELINE_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("n")[..12];

    public static StorageOptions Options(string prefix) => new() { ConnectionString = ConnectionString, TablePrefix = prefix };

    public static StorageClients Clients(string prefix, Azure.Data.Tables.TableClientOptions? tableOptions = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(prefix)), new DefaultAzureCredential(), tableOptions);

    public static PipelineTables Tables(string prefix, Azure.Data.Tables.TableClientOptions? tableOptions = null) => new(Clients(prefix, tableOptions));

    public static TokenCredential NoCredential { get; } = new DefaultAzureCredential();
}
