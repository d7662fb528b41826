using System.Net.Http.Json;
using System.Text.Json;

namespace Pipeline.Testing;

/// <summary>The maildev SMTP capture server started by ./test.sh (or a developer's own on the same ports).</summary>
public static class TestSmtp
{
    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_TEST_SMTP_PORT"), out var port) ? port : 21025;

    public static Uri Api => new(Environment.GetEnvironmentVariable("PIPELINE_TEST_MAILDEV_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:21080");

    /// <summary>Captured messages whose subject contains <paramref name="marker"/> (each test uses its own marker).</summary>
    public static async Task<List<JsonElement>> MessagesAsync(string marker)
    {
        using var http = new HttpClient { BaseAddress = Api };
        var all = await http.GetFromJsonAsync<JsonElement>("/api/email");
        return all.EnumerateArray().Where(m => m.GetProperty("subject").GetString()?.Contains(marker, StringComparison.Ordinal) == true).ToList();
    }
}
