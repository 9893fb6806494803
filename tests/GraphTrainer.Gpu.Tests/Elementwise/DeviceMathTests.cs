namespace GraphTrainer.Gpu.Tests.Elementwise;

/// <summary>
/// The device's exp/expm1/log/tanh/pow (plain C# that ILGPU compiles unchanged to PTX) measured on the host against
/// .NET's Math, in units in the last place of the float64 result: this bounds what the GPU computes, not just what the
/// CPU accelerator does. Budgets: 4 ULP for exp, expm1, log and tanh (range reduction plus a Taylor series evaluated in
/// float64); pow through exp(y·ln x) carries the error of y·ln x (an error of one ULP of y·ln x is a relative error of
/// |y·ln x|·2^-52 in the result, up to 2·|y·ln x| ULP), so 8 + 4·|y·ln x| ULP.
/// </summary>
[Trait("Category", "Gpu")]
public class DeviceMathTests
{
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected || (double.IsNaN(actual) && double.IsNaN(expected))) return 0;
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(actual - expected) / Math.Max(ulp, double.Epsilon);
    }

    private static void Within(Func<double, double> device, Func<double, double> reference, double lo, double hi, double budget, string name)
    {
        var rng = new Random(name.GetHashCode() & 0xffff);
        for (int i = 0; i < 20000; i++)
        {
            // Half uniform over [lo, hi), half log-uniform towards zero, where cancellation would show.
            double x = i % 2 == 0 ? lo + rng.NextDouble() * (hi - lo) : Math.CopySign(Math.Pow(10, -rng.NextDouble() * 12), rng.Next(2) == 0 ? -1 : 1) * Math.Min(Math.Abs(lo), Math.Abs(hi));
            if (x < lo || x >= hi) continue;
            double u = Ulps(device(x), reference(x));
            Assert.True(u <= budget, $"{name}({x:R}) = {device(x):R}, .NET {reference(x):R}: {u:G3} ULP");
        }
    }

    [Fact]
    public void Exp_is_within_4_ulp() => Within(DeviceMath.Exp, Math.Exp, -745, 709.7, 4, "exp");

    [Fact]
    // .NET's ExpM1 is Exp(x) − 1 (useless near 0); tanh(x/2)·(e^x + 1) has no cancellation but ~2 ULP of its own.
    public void ExpM1_is_within_6_ulp_of_a_cancellation_free_reference() =>
        Within(DeviceMath.ExpM1, x => Math.Tanh(x / 2) * (Math.Exp(x) + 1), -40, 40, 6, "expm1");

    [Fact]
    public void Log_is_within_4_ulp()
    {
        Within(DeviceMath.Log, Math.Log, 1e-300, 1e300, 4, "log");
        Within(DeviceMath.Log, Math.Log, 0.5, 2, 4, "log near 1");
        Assert.Equal(Math.Log(4.9e-324), DeviceMath.Log(4.9e-324), 12); // subnormal input
    }

    [Fact]
    public void Tanh_is_within_4_ulp() => Within(DeviceMath.Tanh, Math.Tanh, -30, 30, 4, "tanh");

    [Fact]
    public void Pow_is_within_budget_and_exact_for_small_integer_exponents()
    {
        var rng = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            double x = rng.NextDouble() * 10 + 1e-3, y = rng.NextDouble() * 40 - 20;
            double budget = 8 + 4 * Math.Abs(y * Math.Log(x));
            Assert.True(Ulps(DeviceMath.Pow(x, y), Math.Pow(x, y)) <= budget, $"pow({x:R}, {y:R}): {Ulps(DeviceMath.Pow(x, y), Math.Pow(x, y)):G3} ULP");
        }
        Assert.Equal(-8.0, DeviceMath.Pow(-2, 3));
        Assert.Equal(0.25, DeviceMath.Pow(-2, -2));
        Assert.Equal(1.1 * 1.1, DeviceMath.Pow(1.1, 2));
    }

    [Fact]
    public void Floor_ceiling_and_round_half_even_match_dotnet_bit_for_bit()
    {
        // ILGPU's own PTX versions get two of these wrong: RoundToEven(1.5) is 1, and Ceiling(−0.5) is +0.
        var values = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5,
            0.49999999999999994, -0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 4503599627370497, 1e300, -1e-310, 8388607.5 };
        var rng = new Random(3);
        for (int i = 0; i < 20000; i++) values.Add((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 18)));
        foreach (var x in values)
        {
            Same(Math.Floor(x), DeviceMath.Floor(x), "floor", x);
            Same(Math.Ceiling(x), DeviceMath.Ceiling(x), "ceiling", x);
            Same(Math.Round(x, MidpointRounding.ToEven), DeviceMath.RoundToEven(x), "round", x);
        }
    }

    private static void Same(double expected, double actual, string name, double x) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{name}({x:R}) = {actual:R}, .NET {expected:R}");

    [Fact]
    public void Special_values_match_dotnet()
    {
        double[] v = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 2.5, 1e308, -1e-310 };
        foreach (var x in v)
        {
            Assert.True(Ulps(DeviceMath.Exp(x), Math.Exp(x)) <= 1, $"exp({x})");
            Assert.True(Ulps(DeviceMath.Log(x), Math.Log(x)) <= 1, $"log({x})");
            Assert.True(Ulps(DeviceMath.Tanh(x), Math.Tanh(x)) <= 1, $"tanh({x})");
            if (x == 0) Assert.Equal(double.IsNegative(x), double.IsNegative(DeviceMath.Tanh(x))); // tanh keeps −0
            foreach (var y in v)
            {
                double expected = Math.Pow(x, y), actual = DeviceMath.Pow(x, y);
                Assert.True(double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || Ulps(actual, expected) <= 8 + 4 * Math.Abs(y * Math.Log(Math.Abs(x))),
                    $"pow({x}, {y}) = {actual:R}, .NET {expected:R}");
            }
        }
    }
}
