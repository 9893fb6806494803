namespace GraphTrainer;

/// <summary>
/// A reduction's <c>axis</c> / <c>reduction_indices</c> argument: one int (<c>reduction_indices: 1</c>) or several
/// (<c>axis: new[] { 0, 1 }</c>), as Python accepts both. A null <c>Axis?</c> means every axis.
/// </summary>
public readonly struct Axis
{
    private Axis(int[] axes) => Axes = axes;

    /// <summary>The axes (negative ones count from the end).</summary>
    public int[] Axes { get; }

    /// <summary>One axis.</summary>
    public static implicit operator Axis(int axis) => new(new[] { axis });

    /// <summary>Several axes; a null array means every axis.</summary>
    public static implicit operator Axis(int[] axes) => new(axes);

    /// <inheritdoc/>
    public override string ToString() => Axes == null ? "None" : "[" + string.Join(", ", Axes) + "]";
}
