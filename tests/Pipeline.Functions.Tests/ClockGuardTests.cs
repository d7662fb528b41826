using System.Reflection;
using System.Text.RegularExpressions;

namespace Pipeline.Functions.Tests;

/// <summary>
/// No test reads the wall clock (they pin "now" with a TimeProvider or TestClock), and production code asks the
/// injected <see cref="TimeProvider"/> for "now" everywhere except the few places that must use the real clock.
/// A test that passes only on some days of the month cannot come back unnoticed.
/// </summary>
public partial class ClockGuardTests
{
    private static readonly string Root = typeof(ClockGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Production files allowed to touch the real clock, and why.</summary>
    private static readonly Dictionary<string, string> s_allowed = new(StringComparer.Ordinal)
    {
        ["shared/Pipeline.Application/PipelineServiceCollectionExtensions.cs"] = "the composition root registers TimeProvider.System",
        ["shared/Pipeline.Connectors/Aws/AwsCredentialsFactory.cs"] = "the AWS SDK checks credential expiry against its own clock",
        ["tools/Pipeline.Cli/Program.cs"] = "the CLI's composition root",
    };

    [Fact]
    public void No_test_reads_the_wall_clock()
    {
        var offenders = SourceFiles("tests").Where(f => !f.EndsWith("/ClockGuardTests.cs", StringComparison.Ordinal))
            .SelectMany(f => WallClockReads(File.ReadAllText(Path.Combine(Root, f))).Select(line => $"{f}:{line}")).ToList();

        offenders.Should().BeEmpty("tests pin \"now\" (TestClock.Now, InstantTimeProvider, FakeTimeProvider) so they pass on every calendar day");
    }

    [Fact]
    public void Production_code_takes_now_from_the_injected_time_provider()
    {
        var offenders = new[] { "shared", "functions", "tools" }.SelectMany(SourceFiles).Where(f => !s_allowed.ContainsKey(f))
            .SelectMany(f => WallClockReads(File.ReadAllText(Path.Combine(Root, f))).Select(line => $"{f}:{line}")).ToList();

        offenders.Should().BeEmpty("code asks TimeProvider for now, so tests can pin it and every timer run sees one consistent clock");
    }

    [Fact]
    public void The_guard_recognizes_every_wall_clock_read()
    {
        WallClockReads("""
            var a = DateTime.UtcNow;
            var b = DateTimeOffset.Now;
            var c = DateTime.Today;
            var d = TimeProvider.System.GetUtcNow();
            var e = time.GetUtcNow(); // DateTime.UtcNow in a comment is fine
            """).Should().Equal(1, 2, 3, 4);
    }

    /// <summary>Lines (1-based) that read the wall clock outside a comment.</summary>
    internal static IEnumerable<int> WallClockReads(string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = lines[i].Split("//")[0];
            if (WallClock().IsMatch(code))
            {
                yield return i + 1;
            }
        }
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(UtcNow|Now|Today)\b|\bTimeProvider\.System\b")]
    private static partial Regex WallClock();
}
