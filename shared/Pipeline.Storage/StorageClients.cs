using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Pipeline.Storage;

/// <summary>
/// The three storage service clients, built once from <see cref="StorageOptions"/>. <paramref name="tableOptions"/>
/// (retry policy, extra pipeline policies) is for tests that inject faults; production uses the SDK defaults.
/// </summary>
public sealed class StorageClients(IOptions<StorageOptions> options, TokenCredential credential, TableClientOptions? tableOptions = null)
{
    private readonly StorageOptions _options = options.Value;
    private TableServiceClient? _tables;
    private QueueServiceClient? _queues;
    private BlobServiceClient? _blobs;

    public string Prefix => _options.TablePrefix;

    public TableServiceClient Tables => _tables ??= _options.ConnectionString is { Length: > 0 } cs
        ? new TableServiceClient(cs, tableOptions ?? new TableClientOptions())
        : new TableServiceClient(Required(_options.TableServiceUri, "Storage:TableServiceUri"), credential, tableOptions ?? new TableClientOptions());

    public QueueServiceClient Queues => _queues ??= _options.ConnectionString is { Length: > 0 } cs
        ? new QueueServiceClient(cs, QueueOptions())
        : new QueueServiceClient(Required(_options.QueueServiceUri, "Storage:QueueServiceUri"), credential, QueueOptions());

    public BlobServiceClient Blobs => _blobs ??= _options.ConnectionString is { Length: > 0 } cs
        ? new BlobServiceClient(cs)
        : new BlobServiceClient(Required(_options.BlobServiceUri, "Storage:BlobServiceUri"), credential);

    /// <summary>Functions' queue triggers expect Base64 message bodies.</summary>
    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private static Uri Required(Uri? uri, string setting) =>
        uri ?? throw new InvalidOperationException($"{setting} is not set and there is no Storage:ConnectionString.");
}
