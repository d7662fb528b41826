using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>./run.sh costs remove --source S --provider P --account A [--from D] [--to D]</c>: deletes one source's rows of
/// one billing account, e.g. the FOCUS-export rows before switching that account to its provider's API (the cost
/// store refuses a second source for the same account and days, which would count them twice).
/// </summary>
internal static class CostsCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "The x_Source to remove, e.g. focus-exports", Required = true };
        var provider = new Option<string>("--provider") { Description = "ProviderName, e.g. Microsoft", Required = true };
        var account = new Option<string>("--account") { Description = "BillingAccountId exactly as stored", Required = true };
        var from = new Option<string>("--from") { Description = "First charge day (yyyy-MM-dd, default 2015-01-01)" };
        var to = new Option<string>("--to") { Description = "Day after the last charge day (yyyy-MM-dd, default tomorrow)" };
        var remove = new Command("remove", "Delete one source's cost rows of one billing account") { source, provider, account, from, to };
        remove.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!TryDay(parse.GetValue(from), new DateOnly(2015, 1, 1), out var first) || !TryDay(parse.GetValue(to), DateOnly.FromDateTime(now.UtcDateTime).AddDays(1), out var end) || end <= first)
            {
                AnsiConsole.MarkupLine("[red]--from and --to must be yyyy-MM-dd dates with --from before --to.[/]");
                return 2;
            }

            var scope = new ReplacementScope(parse.GetValue(source)!, parse.GetValue(provider)!, parse.GetValue(account)!, first, end);
            var result = await host.Services.GetRequiredService<CostStore>().ReplaceAsync([], [scope], $"remove-{Guid.NewGuid():n}", now, ct);
            AnsiConsole.MarkupLineInterpolated($"Removed {result.Deleted:N0} daily row(s) of '{scope.Source}' for {scope.ProviderName} {scope.BillingAccountId} ({first:yyyy-MM-dd}..{end.AddDays(-1):yyyy-MM-dd}).");
            return 0;
        });
        return new Command("costs", "Maintain the costs table") { remove };
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
