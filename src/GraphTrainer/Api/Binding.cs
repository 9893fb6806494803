namespace GraphTrainer;

/// <summary>
/// Python built-ins for ported code: <c>using static GraphTrainer.Binding;</c> brings <c>None</c>, <c>print</c>, <c>range</c>, <c>len</c>, <c>str</c>, <c>repr</c> and <c>list</c> (the last four in Binding.Builtins.cs).
/// </summary>
public static partial class Binding
{
    /// <summary>An unknown dimension in a shape, as Python's None: <c>tf.placeholder(tf.float32, (None, 784))</c>.</summary>
    public const int None = -1;

    /// <summary>Prints values separated by spaces, like Python's print.</summary>
    public static void print(params object[] values) =>
        Console.WriteLine(string.Join(" ", values.Select(v => v?.ToString() ?? "None")));

    /// <summary>Python's range(n).</summary>
    public static IEnumerable<int> range(int stop) => Enumerable.Range(0, Math.Max(0, stop));

    /// <summary>Python's range(start, stop).</summary>
    public static IEnumerable<int> range(int start, int stop) => Enumerable.Range(start, Math.Max(0, stop - start));

    /// <summary>Python's len for collections.</summary>
    public static int len<T>(ICollection<T> items) => items.Count;
}
