using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Every function class can be built from the app's composition the way the worker activates it (ActivatorUtilities,
/// keyed provider ingestions included), so a missing registration fails here instead of at the first invocation.
/// </summary>
public class FunctionActivationTests
{
    public static TheoryData<string> FunctionClasses() => new(typeof(Pipeline.Functions.Providers.AwsTimers).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null)).Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void The_worker_can_activate_the_function_class(string typeName)
    {
        using var host = FunctionTestHost.Create();
        var type = typeof(Pipeline.Functions.Providers.AwsTimers).Assembly.GetType(typeName)!;

        var instance = ActivatorUtilities.CreateInstance(host.Services, type);

        instance.Should().BeOfType(type);
    }

    [Fact]
    public void Each_registered_provider_has_a_timer_class_in_the_app()
    {
        var functionNames = typeof(Pipeline.Functions.Providers.AwsTimers).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().ToHashSet();

        Pipeline.Application.Ingestion.ProviderModules.Identities.Should().OnlyContain(p => functionNames.Contains(p.CostFunction) && functionNames.Contains(p.CapacityFunction));
    }
}
