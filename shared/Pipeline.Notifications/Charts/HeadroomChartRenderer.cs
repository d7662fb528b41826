using Pipeline.Core.Capacity;
using ScottPlot;

namespace Pipeline.Notifications.Charts;

/// <summary>GPU headroom as a PNG: for each provider, region and model, GPUs free in on-demand quota and in reservations, stacked.</summary>
public static class HeadroomChartRenderer
{
    public static byte[] Render(IReadOnlyList<HeadroomRow> rows, int height = 460)
    {
        // Room for three-line labels under every bar.
        var width = Math.Max(720, 110 * rows.Count);
        var plot = new Plot();
        var shown = rows.Where(r => r.GpusLimit > 0 || r.GpusAvailable > 0).ToList();
        var ticks = new List<Tick>();
        for (var i = 0; i < shown.Count; i++)
        {
            var row = shown[i];
            plot.Add.Bar(new Bar { Position = i, ValueBase = 0, Value = (double)row.QuotaGpusAvailable, FillColor = Colors.SteelBlue });
            plot.Add.Bar(new Bar { Position = i, ValueBase = (double)row.QuotaGpusAvailable, Value = (double)row.GpusAvailable, FillColor = Colors.DarkOrange });
            ticks.Add(new Tick(i, $"{row.ProviderName}\n{row.RegionId}\n{row.AcceleratorModel}"));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Free in on-demand quota", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Free in reservations", FillColor = Colors.DarkOrange });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("GPU headroom: GPUs we could launch now");
        plot.YLabel("GPUs");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
