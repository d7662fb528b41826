namespace Pipeline.Core.Capacity;

/// <summary>
/// A provider's prefixed spelling of a catalogued name that means the same accelerator in another purchase bucket
/// (e.g. a quota metric for preemptible capacity), declared in the catalog by a <c># variant:</c> line so the code knows
/// no provider's naming. <see cref="Spot"/> marks the bucket as spot capacity.
/// </summary>
public sealed record NameVariant(string Provider, string Prefix, string Label, bool Spot);
