using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Commitments;
using Pipeline.Core.Alerts;
using Pipeline.Storage;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Commitments;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Commitments;

public class CommitmentBlobSyncTests
{
    [Fact]
    public async Task The_config_blob_is_imported_and_an_invalid_upload_changes_nothing_but_raises_an_alert()
    {
        var prefix = TestStorage.NewPrefix();
        using var host = PipelineTestHost.Create(prefix);
        var container = host.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(prefix + "config");
        await container.CreateIfNotExistsAsync();
        var sync = host.Services.GetRequiredService<CommitmentBlobSync>();

        (await sync.SyncAsync()).Should().BeFalse("there is no file yet");
        await container.GetBlobClient("commitments.json").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "commitments.json"))), overwrite: true);
        (await sync.SyncAsync()).Should().BeTrue();
        (await CountAsync(host)).Should().Be(6);

        await container.GetBlobClient("commitments.json").UploadAsync(BinaryData.FromString("""{ "commitments": [ { "id": "x" } ] }"""), overwrite: true);
        var act = () => sync.SyncAsync();

        await act.Should().ThrowAsync<InvalidCommitmentFileException>();
        (await CountAsync(host)).Should().Be(6, "the previous commitments stay in force");
        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync(CommitmentBlobSync.Rule, "config/commitments.json");
        alert!.Status.Should().Be(AlertStatus.Open);
        alert.Condition.Facts.Should().Contain(f => f.Key == "$.commitments[0]");
    }

    private static async Task<int> CountAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var count = 0;
        await foreach (var _ in host.Services.GetRequiredService<CommitmentStore>().ListAsync())
        {
            count++;
        }

        return count;
    }
}
