using System.Runtime.CompilerServices;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// A FOCUS file, or every FOCUS file below a folder (recursively, in name order for repeatable runs; of Cost Management
/// exports only the latest complete run of each period, see <see cref="ExportRunSelector"/>).
/// </summary>
public sealed class LocalFocusFileSource(string path) : IFocusFileSource
{
    public string Description => Path.GetFullPath(path);

    public async IAsyncEnumerable<FocusFile> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        IEnumerable<string> files;
        if (File.Exists(path))
        {
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            var root = Path.GetFullPath(path);
            files = ExportRunSelector.Select(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), (DateTimeOffset?)File.GetLastWriteTimeUtc(f))))
                .Select(f => Path.Combine(root, f));
        }
        else
        {
            throw new FileNotFoundException($"No FOCUS file or folder at '{Description}'.", path);
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.GetFullPath(file);
            yield return new FocusFile(full, new FileInfo(full).Length,
                _ => Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)));
        }
    }
}
