using System.Runtime.InteropServices;

namespace GraphTrainer.Runtime;

/// <summary>
/// TensorFlow's output layouts for Philox-based random ops (FillPhiloxRandomTask). Output is cut into groups of
/// the distribution's size; each group's samples come from a fixed stream position, so a value depends only
/// on its index — never on threading — and a shorter request is a prefix of a longer one.
/// </summary>
public static class PhiloxFill
{
    /// <summary>A distribution that turns one Philox block into one group (uniform and normal).</summary>
    public delegate void FixedGroup<T>(PhiloxBlock block, Span<T> group);

    /// <summary>A distribution that draws as many words as it needs for one group (truncated normal).</summary>
    public delegate void VariableGroup<T>(ref PhiloxWords words, Span<T> group);

    /// <summary>TensorFlow's word budget per output value of a variable-count distribution (kReservedSamplesPerOutput).</summary>
    public const int ReservedWordsPerOutput = 256;

    /// <summary>
    /// Group g is made from the g-th block after <paramref name="generator"/>'s position. A large output is made in
    /// pieces on both cores, each piece's generator skipped to its first group (dropout's mask: 51,200 values a step).
    /// </summary>
    public static unsafe void Fixed<T>(PhiloxRandom generator, Span<T> output, int groupSize, FixedGroup<T> distribution) where T : unmanaged
    {
        int groups = (output.Length + groupSize - 1) / groupSize;
        if (output.Length < 2 * Cpu.ParallelRange.MinPerThread || Cpu.Gemm.MaxThreads == 1)
        {
            FixedGroups(generator, output, groupSize, distribution, 0, groups);
            return;
        }
        var handle = GCHandle.Alloc(distribution);
        try
        {
            fixed (T* p = output)
            {
                var job = new FixedJob<T> { Generator = generator, Output = p, Length = output.Length, GroupSize = groupSize, Groups = groups,
                    Pieces = 4 * Cpu.Gemm.MaxThreads, Distribution = GCHandle.ToIntPtr(handle) };
                Cpu.ParallelRange.ForEach(job.Pieces, &FixedPiece<T>, &job);
            }
        }
        finally { handle.Free(); }
    }

    /// <summary>
    /// RandomUniform's float32 fill: <see cref="Fixed{T}"/> with <see cref="PhiloxDistributions.UniformFloat"/>'s values,
    /// without a call per group: the blocks' words are made in the output itself and turned into floats a vector at a time.
    /// </summary>
    public static unsafe void UniformFloat(PhiloxRandom generator, Span<float> output)
    {
        int groups = (output.Length + 3) / 4;
        // One core makes ~700 million values a second this way: dropout's 51,200 took 76 µs, and 155 µs on two.
        if (output.Length < 16 * Cpu.ParallelRange.MinPerThread || Cpu.Gemm.MaxThreads == 1)
        {
            UniformFloatGroups(generator, output, 0, groups);
            return;
        }
        fixed (float* p = output)
        {
            var job = new UniformJob { Generator = generator, Output = p, Length = output.Length, Groups = groups, Pieces = 4 * Cpu.Gemm.MaxThreads };
            Cpu.ParallelRange.ForEach(job.Pieces, &UniformPiece, &job);
        }
    }

    private unsafe struct UniformJob
    {
        public PhiloxRandom Generator;
        public float* Output;
        public int Length, Groups, Pieces;
    }

    private static unsafe void UniformPiece(void* p, int piece, int end)
    {
        var job = (UniformJob*)p;
        for (; piece < end; piece++)
        {
            int g0 = (int)((long)job->Groups * piece / job->Pieces), g1 = (int)((long)job->Groups * (piece + 1) / job->Pieces);
            var generator = job->Generator;
            generator.Skip((ulong)g0);
            UniformFloatGroups(generator, new Span<float>(job->Output, job->Length), g0, g1);
        }
    }

    // Groups [g0, g1), the generator at group g0's block; a last group cut short by the output's end drops its extra values.
    private static void UniformFloatGroups(PhiloxRandom generator, Span<float> output, int g0, int g1)
    {
        int whole = Math.Min(g1, output.Length / 4);
        if (whole > g0)
        {
            var words = MemoryMarshal.Cast<float, uint>(output.Slice(4 * g0, 4 * (whole - g0)));
            generator.NextBlocks(words);
            WordsToUniform(words);
        }
        if (g1 > whole)
        {
            Span<uint> last = stackalloc uint[4];
            generator.NextBlocks(last);
            WordsToUniform(last);
            MemoryMarshal.Cast<uint, float>(last)[..(output.Length - 4 * whole)].CopyTo(output[(4 * whole)..]);
        }
    }

    // In place: each word's low 23 bits as the mantissa of a float in [1, 2), minus 1 (PhiloxDistributions.Uint32ToFloat).
    private static void WordsToUniform(Span<uint> words)
    {
        var floats = MemoryMarshal.Cast<uint, float>(words);
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var mantissa = new System.Numerics.Vector<uint>(0x7FFFFFu);
            var one = new System.Numerics.Vector<uint>(127u << 23);
            var oneF = System.Numerics.Vector<float>.One;
            for (; i + System.Numerics.Vector<uint>.Count <= words.Length; i += System.Numerics.Vector<uint>.Count)
            {
                var w = new System.Numerics.Vector<uint>(words[i..]);
                (System.Numerics.Vector.AsVectorSingle((w & mantissa) | one) - oneF).CopyTo(floats[i..]);
            }
        }
        for (; i < words.Length; i++) floats[i] = PhiloxDistributions.Uint32ToFloat(words[i]);
    }

    private unsafe struct FixedJob<T> where T : unmanaged
    {
        public PhiloxRandom Generator;
        public T* Output;
        public int Length, GroupSize, Groups, Pieces;
        public nint Distribution; // GCHandle of the FixedGroup<T>
    }

    private static unsafe void FixedPiece<T>(void* p, int piece, int end) where T : unmanaged
    {
        var job = (FixedJob<T>*)p;
        var distribution = (FixedGroup<T>)GCHandle.FromIntPtr(job->Distribution).Target!;
        for (; piece < end; piece++)
        {
            int g0 = (int)((long)job->Groups * piece / job->Pieces), g1 = (int)((long)job->Groups * (piece + 1) / job->Pieces);
            var generator = job->Generator;
            generator.Skip((ulong)g0);
            FixedGroups(generator, new Span<T>(job->Output, job->Length), job->GroupSize, distribution, g0, g1);
        }
    }

    // Groups [g0, g1), the generator positioned at group g0's block.
    private static void FixedGroups<T>(PhiloxRandom generator, Span<T> output, int groupSize, FixedGroup<T> distribution, int g0, int g1)
        where T : unmanaged
    {
        Span<T> group = stackalloc T[groupSize];
        for (int g = g0; g < g1; g++)
        {
            distribution(generator.Next(), group);
            CopyGroup(group, output, g * groupSize);
        }
    }

    /// <summary>
    /// Group g draws single words starting <c>g · groupSize · 256 / 4</c> blocks after <paramref name="generator"/>'s
    /// position, so rejections in one group never shift another.
    /// </summary>
    public static void Variable<T>(PhiloxRandom generator, Span<T> output, int groupSize, VariableGroup<T> distribution) where T : unmanaged
    {
        ulong blocksPerGroup = (ulong)(groupSize * ReservedWordsPerOutput / 4);
        Span<T> group = stackalloc T[groupSize];
        for (int start = 0, g = 0; start < output.Length; start += groupSize, g++)
        {
            var at = generator;
            at.Skip((ulong)g * blocksPerGroup);
            var words = new PhiloxWords(at);
            distribution(ref words, group);
            CopyGroup(group, output, start);
        }
    }

    // The last group may be cut short: its remaining values are drawn but dropped, as TensorFlow does.
    private static void CopyGroup<T>(Span<T> group, Span<T> output, int start) =>
        group[..Math.Min(group.Length, output.Length - start)].CopyTo(output[start..]);
}
