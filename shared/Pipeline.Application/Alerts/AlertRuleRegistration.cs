using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Application.Alerts;

public static class AlertRuleRegistration
{
    /// <summary>Registers a rule with the pass that evaluates <typeparamref name="TInput"/>.</summary>
    public static IServiceCollection AddAlertRule<TInput, TRule>(this IServiceCollection services)
        where TRule : class, IAlertRule<TInput>
    {
        services.AddSingleton<IAlertRule<TInput>, TRule>();
        return services;
    }

    /// <summary>Registers the chart an alert email of one rule embeds.</summary>
    public static IServiceCollection AddAlertChart<TChart>(this IServiceCollection services)
        where TChart : class, IAlertChart
    {
        services.AddSingleton<IAlertChart, TChart>();
        return services;
    }
}
