namespace Pipeline.Connectors.Focus;

/// <summary>One source row as text fields, whatever the file format (a CSV row is a ref struct, hence the anti-constraint users).</summary>
internal interface IFocusFields
{
    ReadOnlySpan<char> Get(int index);
}
