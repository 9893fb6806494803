using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using NumSharp;

namespace GraphTrainer;

public static partial class Binding
{
    /// <summary>Python's <c>len(a)</c> for arrays: the size of the first axis.</summary>
    /// <exception cref="TypeError">The array is 0-d ("len() of unsized object").</exception>
    public static int len(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.ndim == 0) throw new TypeError("len() of unsized object");
        return checked((int)a.shape[0]);
    }

    /// <summary>Python's <c>len(t)</c> for arrays and tuples such as NumSharp shapes: <c>len(X.shape)</c> is the rank.</summary>
    public static int len<T>(T[] items) => items.Length;

    /// <summary>Python's <c>len(s)</c> for strings.</summary>
    public static int len(string s) => s.Length;

    /// <summary>
    /// Python's <c>str(x)</c>: floats in Python's shortest repr (<c>2.0</c>, <c>1e-05</c>; float32 values such
    /// as fetched costs with float32's own shortest digits, as numpy prints them), <c>True</c>/<c>False</c>,
    /// <c>None</c>, NumSharp shapes (<c>long[]</c>) as tuples <c>(55000, 784)</c>, other sequences as lists,
    /// 0-d NDArrays as their scalar and other NDArrays as numpy's str.
    /// </summary>
    public static string str(object value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        double d => PyFloat.Repr(d, single: false),
        float f => PyFloat.Repr(f, single: true),
        IFormattable n when IsInteger(n) => n.ToString(null, CultureInfo.InvariantCulture),
        NDArray nd => nd.ndim == 0 ? str(Scalar(nd)) : nd.ToString(),
        long[] shape => shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")",
        ITuple t => t.Length == 1 ? $"({repr(t[0])},)" : "(" + string.Join(", ", Enumerable.Range(0, t.Length).Select(i => repr(t[i]))) + ")",
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => repr(k) + ": " + repr(d[k]))) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object>().Select(repr)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Python's <c>repr(x)</c>: strings quoted, NDArrays as numpy's <c>array([...])</c>, otherwise <see cref="str"/>.</summary>
    public static string repr(object value) => value switch
    {
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        NDArray nd when nd.ndim > 0 => np.array_repr(nd),
        _ => str(value),
    };

    /// <summary>Python's <c>list(a)</c> of an array: its scalars (1-D) or its rows (otherwise).</summary>
    public static PyList list(NDArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = new PyList();
        for (int i = 0; i < len(a); i++) result.Add(a.ndim == 1 ? Scalar(a[i]) : a[i]);
        return result;
    }

    /// <summary>Python's <c>list(iterable)</c>.</summary>
    public static PyList list(IEnumerable items)
    {
        var result = new PyList();
        foreach (var item in items) result.Add(item);
        return result;
    }

    /// <summary>Python's tuple unpacking of a NumSharp shape: <c>(m, features_count) = X_train.shape</c> ports as <c>var (m, features_count) = X_train.shape;</c>.</summary>
    /// <exception cref="ValueError">The shape does not have two dimensions.</exception>
    public static void Deconstruct(this long[] shape, out long d0, out long d1)
    {
        if (shape.Length != 2) throw new ValueError($"{(shape.Length > 2 ? "too many" : "not enough")} values to unpack (expected 2, got {shape.Length})");
        (d0, d1) = (shape[0], shape[1]);
    }

    /// <summary>Unpacking of a 3-D shape.</summary>
    /// <exception cref="ValueError">The shape does not have three dimensions.</exception>
    public static void Deconstruct(this long[] shape, out long d0, out long d1, out long d2)
    {
        if (shape.Length != 3) throw new ValueError($"{(shape.Length > 3 ? "too many" : "not enough")} values to unpack (expected 3, got {shape.Length})");
        (d0, d1, d2) = (shape[0], shape[1], shape[2]);
    }

    /// <summary>
    /// Unpacking four arrays returned together (Python returns a tuple; C# a <c>NDArray[]</c>):
    /// <c>x_train, y_train, x_valid, y_valid = load_data('train')</c> ports as
    /// <c>var (x_train, y_train, x_valid, y_valid) = load_data("train");</c>. Two and three are in <see cref="FetchDeconstruction"/>.
    /// </summary>
    /// <exception cref="ValueError">The array does not hold four values.</exception>
    public static void Deconstruct(this NDArray[] values, out NDArray first, out NDArray second, out NDArray third, out NDArray fourth)
    {
        if (values.Length != 4) throw new ValueError($"{(values.Length > 4 ? "too many" : "not enough")} values to unpack (expected 4, got {values.Length})");
        (first, second, third, fourth) = (values[0], values[1], values[2], values[3]);
    }

    /// <summary>The CLR scalar held by a 0-d (or single-element) array, with the array's own type.</summary>
    internal static object Scalar(NDArray nd) => nd.size == 1 ? nd.GetAtIndex(0)
        : throw new ValueError($"can only convert an array of size 1 to a Python scalar (size is {nd.size})");

    internal static bool IsInteger(object v) => v is int or long or short or byte or sbyte or uint or ulong or ushort;
}

/// <summary>A Python list: a <see cref="List{T}"/> of objects with Python's <c>index</c>, comparing numbers by value (<c>1 == 1.0</c>).</summary>
public sealed class PyList : List<object>
{
    /// <summary>Position of the first item equal to <paramref name="value"/>.</summary>
    /// <exception cref="ValueError">No item is equal ("x is not in list").</exception>
    public int index(object value)
    {
        for (int i = 0; i < Count; i++)
            if (PyEquals(this[i], value)) return i;
        throw new ValueError($"{Binding.repr(value)} is not in list");
    }

    private static bool PyEquals(object a, object b)
    {
        if (IsNumber(a) && IsNumber(b)) return Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture);
        return Equals(a, b);
    }

    private static bool IsNumber(object v) => v is double or float or bool || Binding.IsInteger(v);

    /// <inheritdoc/>
    public override string ToString() => Binding.str(this);
}

/// <summary>Python's float repr: shortest round-trip digits, positional for 1e-4 ≤ |x| &lt; 1e16, else <c>1e-05</c> style.</summary>
internal static class PyFloat
{
    public static string Repr(double v, bool single)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return double.IsNegative(v) ? "-0.0" : "0.0";
        // .NET's default ToString is the shortest round-trip string (per type); re-lay its digits Python's way.
        string s = single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        var (negative, digits, exponent) = Decompose(s);
        string body;
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent >= 0)
            {
                string intPart = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                string frac = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
                body = intPart + "." + frac;
            }
            else body = "0." + new string('0', -exponent - 1) + digits;
        }
        else body = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + Exponent(exponent);
        return negative ? "-" + body : body;
    }

    /// <summary>Python's exponent suffix: <c>e-05</c>, <c>e+16</c>.</summary>
    public static string Exponent(int exponent) =>
        "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Sign, significant digits (no leading/trailing zeros) and decimal exponent of the first digit.</summary>
    public static (bool negative, string digits, int exponent) Decompose(string s)
    {
        bool negative = s.StartsWith('-');
        if (negative) s = s[1..];
        int e = 0, ePos = s.IndexOfAny(new[] { 'E', 'e' });
        if (ePos >= 0) { e = int.Parse(s[(ePos + 1)..], CultureInfo.InvariantCulture); s = s[..ePos]; }
        int point = s.IndexOf('.');
        if (point < 0) point = s.Length;
        string digits = s.Replace(".", "");
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (negative, digits, point - lead - 1 + e);
    }
}
