namespace GraphTrainer;

/// <summary>Python's stepped <c>range</c> and <c>zip</c>, for loops such as <c>for start, end in zip(range(0, n, 128), range(128, n + 1, 128))</c>.</summary>
public static partial class Binding
{
    /// <summary>Python's <c>range(start, stop, step)</c>: start, start + step, … while before stop (a negative step counts down).</summary>
    /// <exception cref="ValueError">step is 0 ("range() arg 3 must not be zero").</exception>
    public static IEnumerable<int> range(int start, int stop, int step)
    {
        if (step == 0) throw new ValueError("range() arg 3 must not be zero");
        return Stepped(start, stop, step);
    }

    private static IEnumerable<int> Stepped(int start, int stop, int step)
    {
        for (long i = start; step > 0 ? i < stop : i > stop; i += step)
            yield return (int)i;
    }

    /// <summary>Python's <c>zip(a, b)</c>: pairs up to the shorter sequence; <c>foreach (var (start, end) in zip(...))</c> unpacks them.</summary>
    public static IEnumerable<(T1, T2)> zip<T1, T2>(IEnumerable<T1> first, IEnumerable<T2> second) => first.Zip(second);

    /// <summary>Python's <c>zip(a, b, c)</c>: triples up to the shortest sequence.</summary>
    public static IEnumerable<(T1, T2, T3)> zip<T1, T2, T3>(IEnumerable<T1> first, IEnumerable<T2> second, IEnumerable<T3> third) =>
        first.Zip(second, third);
}
