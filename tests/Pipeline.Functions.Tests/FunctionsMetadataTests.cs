using System.Reflection;
using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>What the Functions host will index: the build-generated functions.metadata and the shipped host.json.</summary>
public class FunctionsMetadataTests
{
    private static string OutputDir => typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsOutputDir").Value!;

    [Fact]
    public void IngestFocusExports_is_a_timer_on_its_schedule_setting_that_writes_the_evaluations_queue()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "functions.metadata")));
        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "IngestFocusExports");
        var bindings = function.GetProperty("bindings").EnumerateArray().ToList();

        var timer = bindings.Single(b => b.GetProperty("type").GetString() == "timerTrigger");
        timer.GetProperty("schedule").GetString().Should().Be("%FOCUS_EXPORTS_SCHEDULE%");
        timer.TryGetProperty("runOnStartup", out var runOnStartup).Should().BeFalse(runOnStartup.ToString());
        var queue = bindings.Single(b => b.GetProperty("type").GetString() == "queue");
        queue.GetProperty("direction").GetString().Should().Be("Out");
        queue.GetProperty("queueName").GetString().Should().Be("evaluations");
        function.GetProperty("entryPoint").GetString().Should().Be("Pipeline.Functions.Ingestion.IngestFocusExports.RunAsync");
    }

    /// <summary>The pipeline's own timers, then two per registered provider: nothing to add here for a new cloud.</summary>
    public static TheoryData<string, string> Timers()
    {
        var data = new TheoryData<string, string> { { "Watchdog", "%WATCHDOG_SCHEDULE%" }, { "SyncCommitments", "%COMMITMENTS_SYNC_SCHEDULE%" } };
        foreach (var provider in Pipeline.Application.Ingestion.ProviderModules.Identities)
        {
            data.Add(provider.CostFunction, $"%{provider.CostSchedule}%");
            data.Add(provider.CapacityFunction, $"%{provider.CapacitySchedule}%");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Timers))]
    public void Operational_timers_read_their_schedule_settings(string name, string schedule)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "functions.metadata")));
        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "timerTrigger")
            .GetProperty("schedule").GetString().Should().Be(schedule);
    }

    [Fact]
    public void Every_registered_provider_has_its_two_timers_writing_the_evaluation_queues()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());

        foreach (var provider in Pipeline.Application.Ingestion.ProviderModules.Identities)
        {
            foreach (var (name, queue) in new[] { (provider.CostFunction, "evaluations"), (provider.CapacityFunction, "capacity-evaluations") })
            {
                functions.Should().ContainKey(name, "{0} is registered, so its timer must exist", provider.DisplayName);
                functions[name].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "queue")
                    .GetProperty("queueName").GetString().Should().Be(queue, name);
            }
        }
    }

    [Theory]
    [InlineData("EvaluateCommitment", "evaluations", "Pipeline.Functions.Evaluation.EvaluateCommitment.RunAsync")]
    [InlineData("SendAlert", "notifications", "Pipeline.Functions.Notifications.SendAlert.RunAsync")]
    [InlineData("EvaluateCapacity", "capacity-evaluations", "Pipeline.Functions.Evaluation.EvaluateCapacity.RunAsync")]
    public void Queue_functions_consume_their_queues(string name, string queueName, string entryPoint)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "functions.metadata")));
        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "queueTrigger");
        trigger.GetProperty("queueName").GetString().Should().Be(queueName);
        trigger.GetProperty("direction").GetString().Should().Be("In");
        function.GetProperty("entryPoint").GetString().Should().Be(entryPoint);
    }

    [Fact]
    public void The_root_host_json_ships_with_the_app()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "host.json")));
        host.RootElement.GetProperty("version").GetString().Should().Be("2.0");
        host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32().Should().BeGreaterThan(0);
    }
}
