using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GraphTrainer.Runtime;

public partial struct PhiloxRandom
{
    // Eight counters in the 64-bit lanes of each word vector (x0..x3, values below 2^32), so that vpmuludq makes each
    // round's full 64-bit products; returns how many blocks it wrote (a multiple of 8) and advances the counter by that.
    private int NextBlocksVector(Span<uint> words)
    {
        if (!Avx512F.IsSupported) return 0;
        int blocks = words.Length / 4 / 8 * 8;
        var low32 = Vector512.Create(0xFFFFFFFFUL);
        var multiplierA = Vector512.Create((ulong)MultiplierA).AsUInt32();
        var multiplierB = Vector512.Create((ulong)MultiplierB).AsUInt32();
        // Output order: lanes (x0 | x1 << 32) and (x2 | x3 << 32) of block i, then of block i + 1.
        var firstHalf = Vector512.Create(0UL, 8, 1, 9, 2, 10, 3, 11);
        var secondHalf = Vector512.Create(4UL, 12, 5, 13, 6, 14, 7, 15);
        ref uint dst = ref words[0];
        for (int b = 0; b < blocks; b += 8)
        {
            ulong counterLow = (ulong)_c1 << 32 | _c0;
            // A carry out of the low 64 bits within these eight goes to the scalar path (once in 2^61 calls).
            if (counterLow > ulong.MaxValue - 7) return b;
            var low = Vector512.Create(counterLow) + Vector512<ulong>.Indices;
            Vector512<ulong> x0 = low & low32, x1 = low >> 32, x2 = Vector512.Create((ulong)_c2), x3 = Vector512.Create((ulong)_c3);
            uint k0 = _k0, k1 = _k1;
            for (int round = 0; round < Rounds; round++)
            {
                if (round > 0) { k0 += KeyBumpA; k1 += KeyBumpB; }
                var p0 = Avx512F.Multiply(x0.AsUInt32(), multiplierA);
                var p1 = Avx512F.Multiply(x2.AsUInt32(), multiplierB);
                x0 = (p1 >> 32) ^ x1 ^ Vector512.Create((ulong)k0);
                x1 = p1 & low32;
                x2 = (p0 >> 32) ^ x3 ^ Vector512.Create((ulong)k1);
                x3 = p0 & low32;
            }
            var front = x0 | x1 << 32;
            var back = x2 | x3 << 32;
            Avx512F.PermuteVar8x64x2(front, firstHalf, back).AsUInt32().StoreUnsafe(ref Unsafe.Add(ref dst, 4 * b));
            Avx512F.PermuteVar8x64x2(front, secondHalf, back).AsUInt32().StoreUnsafe(ref Unsafe.Add(ref dst, 4 * b + 16));
            Skip(8);
        }
        return blocks;
    }
}
