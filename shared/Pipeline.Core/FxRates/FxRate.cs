namespace Pipeline.Core.FxRates;

/// <summary>One recorded exchange rate: 1 <see cref="From"/> = <see cref="Rate"/> <see cref="To"/> from <see cref="Date"/> on.</summary>
public sealed record FxRate(DateOnly Date, string From, string To, decimal Rate, string Source);
