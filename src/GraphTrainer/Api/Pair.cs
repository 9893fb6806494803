namespace GraphTrainer;

/// <summary>
/// A size or stride along height and width as Keras layers take it: one int for both (<c>kernel_size: 5</c>), a pair
/// (<c>(5, 3)</c>) or a two-element array (<c>new[] {5, 5}</c>, Python's <c>[5, 5]</c>).
/// </summary>
public readonly record struct Pair(int Height, int Width)
{
    /// <summary>The same value along both axes.</summary>
    public static implicit operator Pair(int value) => new(value, value);

    /// <summary>(height, width).</summary>
    public static implicit operator Pair((int, int) value) => new(value.Item1, value.Item2);

    /// <summary>[height, width]; one element means both.</summary>
    public static implicit operator Pair(int[] value) => value?.Length switch
    {
        1 => new(value[0], value[0]),
        2 => new(value[0], value[1]),
        _ => throw new ValueError($"The argument must be a tuple of 2 integers. Received: [{string.Join(", ", value ?? Array.Empty<int>())}]"),
    };
}
