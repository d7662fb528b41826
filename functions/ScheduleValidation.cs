using Microsoft.Extensions.Hosting;
using Pipeline.Application.Options;

namespace Pipeline.Functions;

internal static class ScheduleValidation
{
    /// <summary>Fails start-up with every bad or missing timer schedule named, before any trigger is indexed.</summary>
    public static IHostApplicationBuilder ValidateSchedules(this IHostApplicationBuilder builder)
    {
        var problems = ScheduleSettings.Validate(builder.Configuration);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid timer schedules:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        return builder;
    }
}
