using System.Numerics;

namespace GraphTrainer.IO;

/// <summary>
/// The dtype names a checkpoint entry may carry (TensorFlow's <c>tf.DType.name</c> spelling)
/// and their element sizes in bytes. Sizes let the reader check that each entry's byte
/// length matches its shape.
/// </summary>
public static class CheckpointDTypes
{
    private static readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal)
    {
        ["float16"] = 2,
        ["bfloat16"] = 2,
        ["float32"] = 4,
        ["float64"] = 8,
        ["int8"] = 1,
        ["uint8"] = 1,
        ["int16"] = 2,
        ["uint16"] = 2,
        ["int32"] = 4,
        ["uint32"] = 4,
        ["int64"] = 8,
        ["uint64"] = 8,
        ["bool"] = 1,
        ["complex64"] = 8,
        ["complex128"] = 16,
    };

    /// <summary>All supported dtype names.</summary>
    public static IReadOnlyCollection<string> Names => Sizes.Keys;

    /// <summary>True when <paramref name="dtype"/> is a supported name.</summary>
    /// <param name="dtype">A dtype name such as "float32".</param>
    /// <returns>Whether it is supported.</returns>
    public static bool IsKnown(string dtype) => dtype != null && Sizes.ContainsKey(dtype);

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    /// <param name="dtype">A supported dtype name.</param>
    /// <returns>The element size.</returns>
    /// <exception cref="ArgumentException">The name is not supported.</exception>
    public static int ElementSize(string dtype) =>
        dtype != null && Sizes.TryGetValue(dtype, out int size)
            ? size
            : throw new ArgumentException($"Unsupported checkpoint dtype '{dtype}'. Supported: {string.Join(", ", Sizes.Keys)}.", nameof(dtype));

    /// <summary>The dtype name of a .NET element type (bfloat16 has no .NET type; use raw bytes).</summary>
    /// <typeparam name="T">float, double, Half, sbyte, byte, short, ushort, int, uint, long, ulong, bool or Complex.</typeparam>
    /// <returns>The dtype name.</returns>
    /// <exception cref="NotSupportedException">No dtype corresponds to <typeparamref name="T"/>.</exception>
    public static string Of<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => "float32",
        var t when t == typeof(double) => "float64",
        var t when t == typeof(Half) => "float16",
        var t when t == typeof(sbyte) => "int8",
        var t when t == typeof(byte) => "uint8",
        var t when t == typeof(short) => "int16",
        var t when t == typeof(ushort) => "uint16",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(uint) => "uint32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(ulong) => "uint64",
        var t when t == typeof(bool) => "bool",
        var t when t == typeof(Complex) => "complex128",
        _ => throw new NotSupportedException($"No checkpoint dtype for {typeof(T)}."),
    };
}
