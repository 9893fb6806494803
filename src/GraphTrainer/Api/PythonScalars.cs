using System.Globalization;

namespace GraphTrainer;

/// <summary>
/// TensorFlow's conversion rule for Python numbers (<c>tensor_util._AssertCompatible</c>): a Python float never
/// becomes an integer tensor, it raises TypeError. In C# a <c>double</c>/<c>float</c> plays the Python float and an
/// <c>int</c>/<c>long</c> the Python int; NDArrays, like numpy arrays in TensorFlow, are cast instead.
/// </summary>
internal static class PythonScalars
{
    /// <summary>Throws TensorFlow's TypeError when the float <paramref name="value"/> is asked to become an integer dtype.</summary>
    public static void RequireConvertible(double value, DType dtype)
    {
        if (dtype is DType.Int32 or DType.Int64 or DType.UInt8)
            throw new TypeError($"Expected {dtype.Name()}, got {Repr(value)} of type 'float' instead.");
    }

    /// <summary>Checks a C# scalar or array given where TensorFlow would see a Python float or list of floats.</summary>
    public static void RequireConvertible(object value, DType dtype)
    {
        switch (value)
        {
            case double d: RequireConvertible(d, dtype); break;
            case float f: RequireConvertible((double)f, dtype); break;
            case Array a when a.Length > 0 && a.GetType().GetElementType() is var t && (t == typeof(double) || t == typeof(float)):
                RequireConvertible(Convert.ToDouble(a.Cast<object>().First(), CultureInfo.InvariantCulture), dtype);
                break;
        }
    }

    /// <summary>Python's repr of a float: <c>2.0</c>, <c>0.5</c>, <c>1e-08</c>.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E')) return s.Replace("E-0", "e-0").Replace("E+", "e+").Replace("E-", "e-");
        return s.Contains('.') ? s : s + ".0";
    }
}
