using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// RandomUniform, RandomStandardNormal and TruncatedNormal (float32, float64) producing the CPU kernels' numbers: the
/// host reserves the run's slice of the node's Philox stream from the session (as the CPU kernel does), and one device
/// thread per output group runs Philox4x32-10 from that counter and key — group g from block g (uniform, normal) or
/// from block g · groupSize · 256 / 4 (truncated normal, which draws words until its group is full) — with TensorFlow's
/// conversions (PhiloxDistributions). The shape (input 0) is read in host memory.
/// </summary>
internal static class RandomKernels
{
    private const int Uniform = 0, Normal = 1, Truncated = 2;

    public static void Register()
    {
        foreach (var (type, kind) in new[] { ("RandomUniform", Uniform), ("RandomStandardNormal", Normal), ("TruncatedNormal", Truncated) })
        {
            KernelRegistry.Register(type, GpuKernels.Gpu, DType.Float32, node => Fill<float>(node, kind, 4));
            KernelRegistry.Register(type, GpuKernels.Gpu, DType.Float64, node => Fill<double>(node, kind, 2));
            KernelRegistry.SetHostMemoryInputs(type, GpuKernels.Gpu, 0);
        }
    }

    private static Kernel Fill<T>(NodeInfo node, int kind, int groupSize) where T : unmanaged
    {
        long seed = node.Attr("seed", 0L), seed2 = node.Attr("seed2", 0L);
        return ctx =>
        {
            var output = ctx.Output(0, ctx.Input(0).Span<int>());
            var generator = ctx.State.Generator(node.Name, seed, seed2).ReserveRandomOutputs(output.Length);
            if (output.Length == 0) return;
            var device = (GpuDevice)ctx.Device;
            var counter = generator.Counter;
            var (key0, key1) = generator.Key;
            var philox = new PhiloxState { C0 = counter.X0, C1 = counter.X1, C2 = counter.X2, C3 = counter.X3, K0 = key0, K1 = key1 };
            int groups = (output.Length + groupSize - 1) / groupSize;
            if (typeof(T) == typeof(float))
            {
                var launch = device.Kernel("random-f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int, PhiloxState, int>(FloatKernel));
                launch(groups, GpuTensor.View<float>(output), output.Length, philox, kind);
            }
            else
            {
                var launch = device.Kernel("random-f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, PhiloxState, int>(DoubleKernel));
                launch(groups, GpuTensor.View<double>(output), output.Length, philox, kind);
            }
        };
    }

    // Group g of four floats; the last group may be cut short (its other values are drawn and dropped, as on the CPU).
    [GpuKernel]
    private static void FloatKernel(Index1D g, ArrayView<float> output, int length, PhiloxState philox, int kind)
    {
        int start = g * 4;
        float v0, v1, v2, v3;
        if (kind == Truncated)
        {
            philox.Skip((ulong)g.X * (4 * PhiloxFill.ReservedWordsPerOutput / 4));
            var words = new PhiloxWordsOnDevice(philox);
            int n = 0;
            v0 = v1 = v2 = v3 = 0f;
            while (n < 4)
            {
                BoxMuller(words.Next(), words.Next(), out float f0, out float f1);
                if (XMath.Abs(f0) < (float)PhiloxDistributions.TruncateValue) Keep(ref n, f0, ref v0, ref v1, ref v2, ref v3);
                if (n < 4 && XMath.Abs(f1) < (float)PhiloxDistributions.TruncateValue) Keep(ref n, f1, ref v0, ref v1, ref v2, ref v3);
            }
        }
        else
        {
            philox.Skip((ulong)g.X);
            philox.Block(out uint x0, out uint x1, out uint x2, out uint x3);
            if (kind == Uniform)
            {
                v0 = ToFloat(x0); v1 = ToFloat(x1); v2 = ToFloat(x2); v3 = ToFloat(x3);
            }
            else
            {
                BoxMuller(x0, x1, out v0, out v1);
                BoxMuller(x2, x3, out v2, out v3);
            }
        }
        output[start] = v0;
        if (start + 1 < length) output[start + 1] = v1;
        if (start + 2 < length) output[start + 2] = v2;
        if (start + 3 < length) output[start + 3] = v3;
    }

    private static void Keep(ref int n, float value, ref float v0, ref float v1, ref float v2, ref float v3)
    {
        if (n == 0) v0 = value;
        else if (n == 1) v1 = value;
        else if (n == 2) v2 = value;
        else v3 = value;
        n++;
    }

    // Group g of two doubles.
    [GpuKernel]
    private static void DoubleKernel(Index1D g, ArrayView<double> output, int length, PhiloxState philox, int kind)
    {
        int start = g * 2;
        double v0, v1;
        if (kind == Truncated)
        {
            philox.Skip((ulong)g.X * (2 * PhiloxFill.ReservedWordsPerOutput / 4));
            var words = new PhiloxWordsOnDevice(philox);
            int n = 0;
            v0 = v1 = 0.0;
            while (n < 2)
            {
                BoxMuller(words.Next(), words.Next(), words.Next(), words.Next(), out double d0, out double d1);
                if (XMath.Abs(d0) < PhiloxDistributions.TruncateValue) { if (n == 0) v0 = d0; else v1 = d0; n++; }
                if (n < 2 && XMath.Abs(d1) < PhiloxDistributions.TruncateValue) { if (n == 0) v0 = d1; else v1 = d1; n++; }
            }
        }
        else
        {
            philox.Skip((ulong)g.X);
            philox.Block(out uint x0, out uint x1, out uint x2, out uint x3);
            if (kind == Uniform) { v0 = ToDouble(x0, x1); v1 = ToDouble(x2, x3); }
            else BoxMuller(x0, x1, x2, x3, out v0, out v1);
        }
        output[start] = v0;
        if (start + 1 < length) output[start + 1] = v1;
    }

    // TensorFlow's conversions, as PhiloxDistributions computes them on the host.
    private static float ToFloat(uint x) => Interop.IntAsFloat(127u << 23 | (x & 0x7FFFFFu)) - 1f;

    private static double ToDouble(uint x0, uint x1) => Interop.IntAsFloat(1023UL << 52 | (ulong)(x0 & 0xFFFFFu) << 32 | x1) - 1.0;

    // Log, sin and cos are DeviceMath/DeviceTrig's float64 functions (float32 rounds them once): XMath's PTX versions are
    // the hardware approximations (float32) or far-off routines (float64), and log near 1 would put r = √(−2 log u) off.
    private static void BoxMuller(uint x0, uint x1, out float z0, out float z1)
    {
        float u1 = XMath.Max(ToFloat(x0), 1e-7f);
        float theta = (float)(2.0 * Math.PI * ToFloat(x1));
        float r = XMath.Sqrt(-2f * (float)DeviceMath.Log(u1));
        DeviceTrig.SinCos(theta, out double sin, out double cos);
        z0 = (float)sin * r;
        z1 = (float)cos * r;
    }

    private static void BoxMuller(uint x0, uint x1, uint x2, uint x3, out double z0, out double z1)
    {
        double u1 = XMath.Max(ToDouble(x0, x1), 1e-7);
        double theta = 2.0 * Math.PI * ToDouble(x2, x3);
        double r = XMath.Sqrt(-2.0 * DeviceMath.Log(u1));
        DeviceTrig.SinCos(theta, out double sin, out double cos);
        z0 = sin * r;
        z1 = cos * r;
    }
}

/// <summary>A Philox4x32-10 stream position (counter and key) as a kernel parameter, with <see cref="PhiloxRandom"/>'s rounds.</summary>
internal struct PhiloxState
{
    /// <summary>Counter words, least significant first.</summary>
    public uint C0, C1, C2, C3;
    /// <summary>Key words, least significant first.</summary>
    public uint K0, K1;

    /// <summary>Advances the 128-bit counter by <paramref name="blocks"/>.</summary>
    public void Skip(ulong blocks)
    {
        ulong low = ((ulong)C1 << 32 | C0) + blocks;
        bool carry = low < blocks;
        C0 = (uint)low;
        C1 = (uint)(low >> 32);
        if (carry)
        {
            C2++;
            if (C2 == 0) C3++;
        }
    }

    /// <summary>The block at the counter (the counter encrypted under the key); then advances the counter by one.</summary>
    public void Block(out uint x0, out uint x1, out uint x2, out uint x3)
    {
        x0 = C0; x1 = C1; x2 = C2; x3 = C3;
        uint k0 = K0, k1 = K1;
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += 0x9E3779B9; k1 += 0xBB67AE85; }
            ulong p0 = 0xD2511F53UL * x0, p1 = 0xCD9E8D57UL * x2;
            uint y0 = (uint)(p1 >> 32) ^ x1 ^ k0, y2 = (uint)(p0 >> 32) ^ x3 ^ k1;
            x1 = (uint)p1;
            x3 = (uint)p0;
            x0 = y0;
            x2 = y2;
        }
        Skip(1);
    }
}

/// <summary>Single words from a <see cref="PhiloxState"/>, a block at a time (TensorFlow's SingleSampleAdapter).</summary>
internal struct PhiloxWordsOnDevice
{
    private PhiloxState _philox;
    private uint _w0, _w1, _w2, _w3;
    private int _used;

    public PhiloxWordsOnDevice(PhiloxState philox)
    {
        _philox = philox;
        _w0 = _w1 = _w2 = _w3 = 0;
        _used = 4;
    }

    /// <summary>The next word.</summary>
    public uint Next()
    {
        if (_used == 4)
        {
            _philox.Block(out _w0, out _w1, out _w2, out _w3);
            _used = 0;
        }
        int i = _used++;
        return i == 0 ? _w0 : i == 1 ? _w1 : i == 2 ? _w2 : _w3;
    }
}
