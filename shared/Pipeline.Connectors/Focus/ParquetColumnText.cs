using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// One Parquet column of a row group, exposed as text so Parquet and CSV rows go through the same checks.
/// Writers store amounts as DECIMAL or DOUBLE and times as TIMESTAMP or strings; all are accepted.
/// </summary>
internal sealed class ParquetColumnText
{
    private readonly char[] _scratch = new char[64];
    private string?[]? _strings;
    private decimal?[]? _decimals;
    private double?[]? _doubles;
    private long?[]? _longs;
    private DateTime?[]? _dates;
    private DateTimeOffset?[]? _offsets;

    public static async Task<ParquetColumnText> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, CancellationToken cancellationToken)
    {
        var count = checked((int)rowGroup.RowCount);
        var column = new ParquetColumnText();
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            column._strings = new string?[count];
            await rowGroup.ReadAsync(field, column._strings.AsMemory()!, null, cancellationToken).ConfigureAwait(false);
        }
        else if (type == typeof(decimal))
        {
            column._decimals = new decimal?[count];
            await rowGroup.ReadAsync<decimal>(field, column._decimals.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            column._doubles = new double?[count];
            if (type == typeof(float))
            {
                var floats = new float?[count];
                await rowGroup.ReadAsync<float>(field, floats.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    column._doubles[i] = floats[i];
                }
            }
            else
            {
                await rowGroup.ReadAsync<double>(field, column._doubles.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (type == typeof(long) || type == typeof(int))
        {
            column._longs = new long?[count];
            if (type == typeof(int))
            {
                var ints = new int?[count];
                await rowGroup.ReadAsync<int>(field, ints.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    column._longs[i] = ints[i];
                }
            }
            else
            {
                await rowGroup.ReadAsync<long>(field, column._longs.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (type == typeof(DateTime))
        {
            column._dates = new DateTime?[count];
            await rowGroup.ReadAsync<DateTime>(field, column._dates.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }
        else if (type == typeof(DateTimeOffset))
        {
            column._offsets = new DateTimeOffset?[count];
            await rowGroup.ReadAsync<DateTimeOffset>(field, column._offsets.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new InvalidDataException($"column {field.Name} has Parquet type {type.Name}, which FOCUS does not use for it");
        }

        return column;
    }

    public ReadOnlySpan<char> Get(int row)
    {
        if (_strings is not null)
        {
            return _strings[row];
        }

        int written;
        var ok = (_decimals?[row], _doubles?[row], _longs?[row], _dates?[row], _offsets?[row]) switch
        {
            ({ } d, _, _, _, _) => d.TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture),
            (_, { } d, _, _, _) => d.TryFormat(_scratch, out written, "R", CultureInfo.InvariantCulture),
            (_, _, { } l, _, _) => l.TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture),
            (_, _, _, { } t, _) => DateTime.SpecifyKind(t, DateTimeKind.Utc).TryFormat(_scratch, out written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            (_, _, _, _, { } o) => o.UtcDateTime.TryFormat(_scratch, out written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            _ => (written = 0) == 0,
        };
        return ok ? _scratch.AsSpan(0, written) : [];
    }
}
