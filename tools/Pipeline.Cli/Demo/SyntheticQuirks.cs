namespace Pipeline.Cli.Demo;

/// <summary>Quirks seen in real FOCUS files, reproduced so the demo exercises the reader's normalization.</summary>
[Flags]
internal enum SyntheticQuirks
{
    None = 0,
    BomAndCrlf = 1,
    LowerCaseCategories = 2,
    SpaceDatesAndNullLiterals = 4,
}
