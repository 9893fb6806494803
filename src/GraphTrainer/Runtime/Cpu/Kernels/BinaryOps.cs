using System.Numerics;
using System.Numerics.Tensors;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>An element-wise binary function in its three vectorized forms (span∘span, span∘scalar, scalar∘span).</summary>
public interface IBinaryFunction<T>
{
    /// <summary>d[i] = f(x[i], y[i]).</summary>
    static abstract void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d);
    /// <summary>d[i] = f(x[i], y).</summary>
    static abstract void Apply(ReadOnlySpan<T> x, T y, Span<T> d);
    /// <summary>d[i] = f(x, y[i]).</summary>
    static abstract void Apply(T x, ReadOnlySpan<T> y, Span<T> d);
}

/// <summary>x + y.</summary>
public readonly struct AddFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(y, x, d);
}

/// <summary>x - y.</summary>
public readonly struct SubtractFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
}

/// <summary>x * y.</summary>
public readonly struct MultiplyFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(y, x, d);
}

/// <summary>x / y.</summary>
public readonly struct DivideFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
}

/// <summary>(x - y)².</summary>
public readonly struct SquaredDifferenceFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) { TensorPrimitives.Subtract(x, y, d); TensorPrimitives.Multiply(d, d, d); }
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) { TensorPrimitives.Subtract(x, y, d); TensorPrimitives.Multiply(d, d, d); }
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) { TensorPrimitives.Subtract(x, y, d); TensorPrimitives.Multiply(d, d, d); }
}

/// <summary>max(x, y).</summary>
public readonly struct MaximumFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(y, x, d);
}

/// <summary>min(x, y).</summary>
public readonly struct MinimumFunction<T> : IBinaryFunction<T> where T : INumber<T>
{
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(y, x, d);
}
