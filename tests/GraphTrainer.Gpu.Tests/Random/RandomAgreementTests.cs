using GraphTrainer.Gpu.Tests.Reductions;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.RandomNumbers;

/// <summary>
/// The random ops on the emulated GPU give the CPU kernels' numbers for the same seeds, run after run (each run takes
/// the node's next slice of its Philox stream). Uniform samples are integer operations and one exact subtraction, so
/// they agree bit for bit. Normal and truncated normal samples go through log, sin and cos, which the device computes
/// in float64 with XMath and rounds (float32) and the CPU with System.Math's float32 or float64 functions: each may be
/// an ulp or so apart, so the budget is 64 ulp of the sample's scale, 64u·(1 + |z|) (u the unit roundoff), with room
/// for XMath's float64 software functions on a GPU. A truncated sample within that distance of ±2 could be kept on one
/// device and rejected on the other; the seeds here have none.
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class RandomAgreementTests
{
    public static TheoryData<string, int[]> Cases()
    {
        var data = new TheoryData<string, int[]>();
        foreach (var type in new[] { "RandomUniform", "RandomStandardNormal", "TruncatedNormal" })
            foreach (var shape in new[] { new[] { 0 }, new[] { 1 }, new[] { 7 }, new[] { 33 }, new[] { 3, 86 }, new[] { 1025 } })
                data.Add(type, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Same_seeds_give_the_cpu_numbers_on_two_consecutive_runs(string type, int[] shape)
    {
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            var g = tf.Graph();
            using var _ = g.as_default();
            var z = RandomOps.Raw(type, g, OpBuilder.IntVector(g, shape, "shape"), dtype, seed: 1234);
            NDArray[] gpu, cpu;
            using (var sess = EmulatedGpu.Session(g))
            {
                gpu = new[] { sess.run(z), sess.run(z) };
                Agreement.AssertOnGpu(sess, z.op);
            }
            using (var sess = EmulatedGpu.CpuSession(g)) cpu = new[] { sess.run(z), sess.run(z) };
            for (int run = 0; run < 2; run++)
            {
                if (type == "RandomUniform") Agreement.Exact(cpu[run], gpu[run]);
                else Agreement.Close(cpu[run], gpu[run], Agreement.ToDoubles(cpu[run]).Select(v => 64 * u * (1 + Math.Abs(v))).ToArray());
            }
            if (gpu[0].size > 0) Assert.NotEqual(Agreement.ToDoubles(gpu[0]), Agreement.ToDoubles(gpu[1]));
        }
    }

    [Fact]
    public void Uniform_float32_matches_tensorflows_first_values_for_seed_pair()
    {
        // The CPU kernel's own tests pin its stream to TensorFlow's; here the device must reproduce that stream: the
        // float of word w is (w & 0x7FFFFF) / 2^23, so every sample is a multiple of 2^-23 in [0, 1).
        var g = tf.Graph();
        using var _ = g.as_default();
        var z = RandomOps.Raw("RandomUniform", g, OpBuilder.IntVector(g, new[] { 4099 }, "shape"), tf.float32, seed: 7);
        using var sess = EmulatedGpu.Session(g);
        var values = sess.run(z).ToArray<float>();
        Assert.All(values, v => Assert.True(v >= 0 && v < 1 && v * (1 << 23) == Math.Floor(v * (double)(1 << 23))));
        Assert.InRange(values.Average(), 0.48, 0.52);
    }

    [Fact]
    public void Device_sin_and_cos_are_within_an_ulp_or_so_of_dotnets()
    {
        // The Box–Muller angle lies in [0, 2π); a little either side too. Budget: 4 ulp of the value, plus the two-part
        // π/2's residual error (about 1e-21) where the value crosses zero.
        for (int i = -1000; i <= 11000; i++)
        {
            double x = i * (2 * Math.PI / 10000) + 1e-7 * (i % 7);
            DeviceTrig.SinCos(x, out double sin, out double cos);
            Assert.True(Math.Abs(sin - Math.Sin(x)) <= 4 * Agreement.U64 * Math.Abs(Math.Sin(x)) + 1e-20, $"sin({x:R}) = {sin:R}, .NET {Math.Sin(x):R}");
            Assert.True(Math.Abs(cos - Math.Cos(x)) <= 4 * Agreement.U64 * Math.Abs(Math.Cos(x)) + 1e-20, $"cos({x:R}) = {cos:R}, .NET {Math.Cos(x):R}");
        }
    }
}
