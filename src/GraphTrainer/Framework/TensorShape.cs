namespace GraphTrainer;

/// <summary>
/// A possibly partially known shape, as TensorFlow's TensorShape: dimensions of -1 are unknown
/// (<c>?</c>), and a shape may have unknown rank. Immutable.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] _dims;

    /// <summary>A shape of unknown rank.</summary>
    public static readonly TensorShape Unknown = new((int[])null);

    /// <summary>The scalar shape <c>[]</c>.</summary>
    public static readonly TensorShape Scalar = new(Array.Empty<int>());

    /// <summary>Creates a shape from dimensions; -1 (or <c>None</c>) marks an unknown dimension.</summary>
    public TensorShape(params int[] dims)
    {
        if (dims != null)
            foreach (var d in dims)
                if (d < -1) throw new ArgumentException($"Dimension {d} must be >= 0 or -1 (unknown).");
        _dims = dims == null ? null : (int[])dims.Clone();
    }

    /// <summary>Rank, or -1 when unknown.</summary>
    public int ndim => _dims?.Length ?? -1;

    /// <summary>True when the rank is known.</summary>
    public bool HasRank => _dims != null;

    /// <summary>True when the rank and every dimension are known.</summary>
    public bool IsFullyDefined => _dims != null && Array.TrueForAll(_dims, d => d >= 0);

    /// <summary>The dimensions (-1 for unknown). Throws if the rank is unknown.</summary>
    public int[] dims => _dims ?? throw new InvalidOperationException("Shape has unknown rank.");

    /// <summary>Dimension <paramref name="i"/> (negative counts from the end); -1 when unknown.</summary>
    public int this[int i] => dims[i < 0 ? i + dims.Length : i];

    /// <summary>Element count when fully defined, otherwise -1.</summary>
    public long NumElements()
    {
        if (!IsFullyDefined) return -1;
        long n = 1;
        foreach (var d in _dims) n *= d;
        return n;
    }

    /// <summary>The dimensions as a list, as TensorFlow's <c>as_list()</c>.</summary>
    public int[] as_list() => (int[])dims.Clone();

    /// <summary>True when the two shapes can describe the same tensor (unknown dimensions match anything).</summary>
    public bool IsCompatibleWith(TensorShape other)
    {
        if (!HasRank || !other.HasRank) return true;
        if (_dims.Length != other._dims.Length) return false;
        for (int i = 0; i < _dims.Length; i++)
            if (_dims[i] >= 0 && other._dims[i] >= 0 && _dims[i] != other._dims[i]) return false;
        return true;
    }

    /// <summary>TensorFlow's list spelling, e.g. <c>[60,?]</c>, used in graph-build error messages.</summary>
    public override string ToString() =>
        _dims == null ? "<unknown>" : "[" + string.Join(",", _dims.Select(d => d < 0 ? "?" : d.ToString())) + "]";

    /// <summary>Python tuple spelling, e.g. <c>(?, 784)</c>, used in feed errors as TensorFlow prints them.</summary>
    public string ToTupleString() =>
        _dims == null ? "<unknown>" :
        _dims.Length == 1 ? $"({Dim(_dims[0])},)" : "(" + string.Join(", ", _dims.Select(Dim)) + ")";

    private static string Dim(int d) => d < 0 ? "?" : d.ToString();

    /// <inheritdoc/>
    public bool Equals(TensorShape other) =>
        other != null && (_dims == null ? other._dims == null : other._dims != null && _dims.AsSpan().SequenceEqual(other._dims));

    /// <inheritdoc/>
    public override bool Equals(object obj) => obj is TensorShape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_dims == null) return -1;
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>A 1-D shape.</summary>
    public static implicit operator TensorShape(int dim) => new(dim);
    /// <summary>From a dimension array.</summary>
    public static implicit operator TensorShape(int[] dims) => new(dims);
    /// <summary>From a NumSharp shape (<c>long[]</c>), e.g. <c>tf.placeholder(tf.float32, X_train.shape)</c>.</summary>
    public static implicit operator TensorShape(long[] dims) => dims == null ? null : new(dims.Select(d => checked((int)d)).ToArray());
    /// <summary>From a tuple holding NumSharp dimensions (<c>long</c>), e.g. <c>(None, X_train.shape[1])</c>.</summary>
    public static implicit operator TensorShape((long, long) t) => new(checked((int)t.Item1), checked((int)t.Item2));
    /// <summary>From a Python-style tuple, e.g. <c>(None, 784)</c>.</summary>
    public static implicit operator TensorShape((int, int) t) => new(t.Item1, t.Item2);
    /// <summary>From a Python-style tuple.</summary>
    public static implicit operator TensorShape((int, int, int) t) => new(t.Item1, t.Item2, t.Item3);
    /// <summary>From a Python-style tuple.</summary>
    public static implicit operator TensorShape((int, int, int, int) t) => new(t.Item1, t.Item2, t.Item3, t.Item4);
}
