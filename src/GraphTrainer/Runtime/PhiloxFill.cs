namespace GraphTrainer.Runtime;

/// <summary>
/// TensorFlow's output layouts for Philox-based random ops (FillPhiloxRandomTask). Output is cut into groups of
/// the distribution's size; each group's samples come from a fixed stream position, so a value depends only
/// on its index — never on threading — and a shorter request is a prefix of a longer one.
/// </summary>
public static class PhiloxFill
{
    /// <summary>A distribution that turns one Philox block into one group (uniform and normal).</summary>
    public delegate void FixedGroup<T>(PhiloxBlock block, Span<T> group);

    /// <summary>A distribution that draws as many words as it needs for one group (truncated normal).</summary>
    public delegate void VariableGroup<T>(ref PhiloxWords words, Span<T> group);

    /// <summary>TensorFlow's word budget per output value of a variable-count distribution (kReservedSamplesPerOutput).</summary>
    public const int ReservedWordsPerOutput = 256;

    /// <summary>Group g is made from the g-th block after <paramref name="generator"/>'s position.</summary>
    public static void Fixed<T>(PhiloxRandom generator, Span<T> output, int groupSize, FixedGroup<T> distribution) where T : unmanaged
    {
        Span<T> group = stackalloc T[groupSize];
        for (int start = 0; start < output.Length; start += groupSize)
        {
            distribution(generator.Next(), group);
            CopyGroup(group, output, start);
        }
    }

    /// <summary>
    /// Group g draws single words starting <c>g · groupSize · 256 / 4</c> blocks after <paramref name="generator"/>'s
    /// position, so rejections in one group never shift another.
    /// </summary>
    public static void Variable<T>(PhiloxRandom generator, Span<T> output, int groupSize, VariableGroup<T> distribution) where T : unmanaged
    {
        ulong blocksPerGroup = (ulong)(groupSize * ReservedWordsPerOutput / 4);
        Span<T> group = stackalloc T[groupSize];
        for (int start = 0, g = 0; start < output.Length; start += groupSize, g++)
        {
            var at = generator;
            at.Skip((ulong)g * blocksPerGroup);
            var words = new PhiloxWords(at);
            distribution(ref words, group);
            CopyGroup(group, output, start);
        }
    }

    // The last group may be cut short: its remaining values are drawn but dropped, as TensorFlow does.
    private static void CopyGroup<T>(Span<T> group, Span<T> output, int start) =>
        group[..Math.Min(group.Length, output.Length - start)].CopyTo(output[start..]);
}
