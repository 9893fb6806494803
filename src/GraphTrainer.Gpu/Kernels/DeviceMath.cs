using ILGPU;
using ILGPU.Algorithms;

namespace GraphTrainer.Gpu;

/// <summary>
/// exp, expm1, log, tanh, pow, floor, ceiling and round-half-even in float64 written out in plain arithmetic, so the GPU computes exactly what this C#
/// says (ILGPU compiles it to PTX as is) and the CPU accelerator runs the same code: the emulated agreement tests then
/// prove the device's math, not a stand-in. ILGPU.Algorithms' PTX versions (XMath under a CUDA accelerator) are not
/// close enough to .NET's: float32 exp compiles to ex2.approx (61 ULP off near 80), float64 exp is up to ~700 ULP off,
/// Ceiling(−0.5) gives +0 and RoundToEven(1.5) gives 1 (measured on the host by calling ILGPU's PTXMath routines).
/// Float32 functions evaluate these in float64 and round once, which on an H100 (fast float64) costs nothing in an
/// element-wise kernel bound by memory. Accuracy (measured against .NET's Math in DeviceMathTests): a few ULP.
/// </summary>
internal static class DeviceMath
{
    // fdlibm's split of ln 2: k·Ln2Hi is exact for |k| < 2^11, so x − k·ln2 is reduced without cancellation error.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>2^k for k in [−1022, 1023], built from its exponent bits.</summary>
    private static double Pow2(int k) => Interop.IntAsFloat((ulong)(k + 1023) << 52);

    /// <summary>v · 2^k for k in [−1076, 2046], rounding once even when the result is subnormal.</summary>
    private static double ScaleB(double v, int k)
    {
        if (k < -1021) return v * Pow2(k + 54) * Pow2(-54);
        if (k > 1023) return v * Pow2(k - 1023) * Pow2(1023);
        return v * Pow2(k);
    }

    // e^r − 1 − r for |r| ≤ ln2/2 by its Taylor series to r^14 (truncation below 1e-17 relative).
    private static double ExpM1Tail(double r) =>
        r * r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040 + r * (1.0 / 40320
            + r * (1.0 / 362880 + r * (1.0 / 3628800 + r * (1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800
            + r * (1.0 / 87178291200)))))))))))));

    /// <summary>e^x.</summary>
    public static double Exp(double x)
    {
        if (XMath.IsNaN(x)) return x;
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.1332191019412) return 0.0;
        int k = (int)Floor(x * InvLn2 + 0.5);
        double r = x - k * Ln2Hi - k * Ln2Lo;
        return ScaleB(1.0 + (r + ExpM1Tail(r)), k);
    }

    /// <summary>e^x − 1, accurate near 0.</summary>
    public static double ExpM1(double x)
    {
        if (XMath.IsNaN(x) || x == 0.0) return x;
        if (XMath.Abs(x) <= 0.34657359027997264) return x + ExpM1Tail(x);
        if (x < -40.0) return -1.0;
        return Exp(x) - 1.0;
    }

    /// <summary>tanh x = expm1(2|x|) / (expm1(2|x|) + 2) with x's sign.</summary>
    public static double Tanh(double x)
    {
        if (XMath.IsNaN(x) || x == 0.0) return x;
        double a = XMath.Abs(x);
        double t = 1.0;
        if (a < 22.0)
        {
            double e = ExpM1(2.0 * a);
            t = e / (e + 2.0);
        }
        return x < 0.0 ? -t : t;
    }

    /// <summary>ln x: x = m·2^e with m in [√½, √2), ln m = 2·atanh(s), s = (m − 1)/(m + 1), in fdlibm's arrangement.</summary>
    public static double Log(double x)
    {
        if (XMath.IsNaN(x) || x == double.PositiveInfinity) return x;
        if (x < 0.0) return double.NaN;
        if (x == 0.0) return double.NegativeInfinity;
        int e = 0;
        if (x < 2.2250738585072014e-308) { x *= 18014398509481984.0; e = -54; } // subnormal: scale by 2^54 first
        ulong bits = Interop.FloatAsInt(x);
        e += (int)(bits >> 52) - 1023;
        double m = Interop.IntAsFloat((bits & 0x000FFFFFFFFFFFFFUL) | 0x3FF0000000000000UL);
        if (m > Sqrt2) { m *= 0.5; e++; }
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        // 2·atanh(s) = 2s + s·R, R = 2z/3 + 2z²/5 + ... (z ≤ 0.0295: the z^12 term is below 1e-19).
        double r = z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9 + z * (2.0 / 11 + z * (2.0 / 13 + z * (2.0 / 15
            + z * (2.0 / 17 + z * (2.0 / 19 + z * (2.0 / 21 + z * (2.0 / 23)))))))))));
        double hfsq = 0.5 * f * f;
        return e * Ln2Hi - ((hfsq - (s * (hfsq + r) + e * Ln2Lo)) - f);
    }

    // 2^52: every double at or above it in magnitude is an integer.
    private const double Integral = 4503599627370496.0;

    /// <summary>⌊x⌋ as Math.Floor (−0 stays −0). Written out: ILGPU's PTX Floor is a software routine like this one.</summary>
    public static double Floor(double x)
    {
        if (XMath.IsNaN(x) || x == 0.0 || XMath.Abs(x) >= Integral) return x;
        double t = (long)x; // truncation, exact below 2^52
        return t > x ? t - 1.0 : t;
    }

    /// <summary>⌈x⌉ as Math.Ceiling: x in (−1, 0) gives −0 (ILGPU's PTX Ceiling gives +0).</summary>
    public static double Ceiling(double x)
    {
        if (XMath.IsNaN(x) || x == 0.0 || XMath.Abs(x) >= Integral) return x;
        double t = (long)x;
        if (t < x) t += 1.0;
        return t == 0.0 && x < 0.0 ? -0.0 : t;
    }

    /// <summary>x rounded half to even as Math.Round(x, MidpointRounding.ToEven) (ILGPU's PTX RoundToEven rounds 1.5 to 1).</summary>
    public static double RoundToEven(double x)
    {
        if (XMath.IsNaN(x) || x == 0.0 || XMath.Abs(x) >= Integral) return x;
        double f = Floor(x);
        double d = x - f; // exact below 2^52
        double r = d > 0.5 ? f + 1.0 : d < 0.5 ? f : Floor(f * 0.5) * 2.0 == f ? f : f + 1.0;
        return r == 0.0 && x < 0.0 ? -0.0 : r;
    }

    /// <summary>x^y with .NET's Math.Pow special values; integer exponents up to 64 by squaring (pow(x, 2) is x·x).</summary>
    public static double Pow(double x, double y)
    {
        if (y == 0.0 || x == 1.0) return 1.0;
        if (XMath.IsNaN(x) || XMath.IsNaN(y)) return double.NaN;
        double ax = XMath.Abs(x);
        if (XMath.IsInfinity(y))
            return ax == 1.0 ? 1.0 : (ax > 1.0) == (y > 0.0) ? double.PositiveInfinity : 0.0;
        bool integer = Floor(y) == y;
        bool odd = integer && XMath.Abs(y) < 9007199254740992.0 && Floor(y * 0.5) * 2.0 != y;
        if (x < 0.0 && !integer && !XMath.IsInfinity(x)) return double.NaN;
        double r;
        if (ax == 0.0) r = y < 0.0 ? double.PositiveInfinity : 0.0;
        else if (XMath.IsInfinity(ax)) r = y < 0.0 ? 0.0 : double.PositiveInfinity;
        else if (integer && XMath.Abs(y) <= 64.0) r = PowInteger(ax, (int)XMath.Abs(y), y < 0.0);
        else r = Exp(y * Log(ax));
        return x < 0.0 || (x == 0.0 && Interop.FloatAsInt(x) != 0) ? (odd ? -r : r) : r;
    }

    private static double PowInteger(double b, int n, bool reciprocal)
    {
        double r = 1.0;
        while (n > 0)
        {
            if ((n & 1) != 0) r *= b;
            b *= b;
            n >>= 1;
        }
        return reciprocal ? 1.0 / r : r;
    }
}
