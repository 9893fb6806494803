namespace GraphTrainer.Runtime;

/// <summary>Four 32-bit random words: one output block of <see cref="PhiloxRandom"/>.</summary>
public readonly record struct PhiloxBlock(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>Word <paramref name="i"/> (0–3).</summary>
    public uint this[int i] => i switch { 0 => X0, 1 => X1, 2 => X2, 3 => X3, _ => throw new ArgumentOutOfRangeException(nameof(i)) };
}

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon et al., SC 2011) with TensorFlow's seeding: a 128-bit
/// counter and a 64-bit key; each <see cref="Next"/> encrypts the counter into four words and increments it.
/// A value type, so a copy is an independent stream position, which is how kernels hand out disjoint ranges.
/// </summary>
public partial struct PhiloxRandom
{
    // The round constants recommended by the Philox paper (and used by TensorFlow and Random123).
    private const uint KeyBumpA = 0x9E3779B9, KeyBumpB = 0xBB67AE85;
    private const uint MultiplierA = 0xD2511F53, MultiplierB = 0xCD9E8D57;
    private const int Rounds = 10;

    private uint _c0, _c1, _c2, _c3;
    private readonly uint _k0, _k1;

    /// <summary>TensorFlow's seeding: <paramref name="seed"/> is the key, <paramref name="seed2"/> the counter's upper 64 bits.</summary>
    public PhiloxRandom(ulong seed, ulong seed2)
        : this(new PhiloxBlock(0, 0, (uint)seed2, (uint)(seed2 >> 32)), (uint)seed, (uint)(seed >> 32)) { }

    /// <summary>A generator at an explicit counter (word 0 least significant) and key.</summary>
    public PhiloxRandom(PhiloxBlock counter, uint key0, uint key1)
    {
        (_c0, _c1, _c2, _c3) = counter;
        (_k0, _k1) = (key0, key1);
    }

    /// <summary>The current counter.</summary>
    public readonly PhiloxBlock Counter => new(_c0, _c1, _c2, _c3);

    /// <summary>The 64-bit key (word 0 least significant), so a device kernel can run the same stream.</summary>
    public readonly (uint Key0, uint Key1) Key => (_k0, _k1);

    /// <summary>The next block: the counter encrypted under the key. Advances the counter by one.</summary>
    public PhiloxBlock Next()
    {
        uint x0 = _c0, x1 = _c1, x2 = _c2, x3 = _c3, k0 = _k0, k1 = _k1;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0) { k0 += KeyBumpA; k1 += KeyBumpB; }
            ulong p0 = (ulong)MultiplierA * x0, p1 = (ulong)MultiplierB * x2;
            (x0, x1, x2, x3) = ((uint)(p1 >> 32) ^ x1 ^ k0, (uint)p1, (uint)(p0 >> 32) ^ x3 ^ k1, (uint)p0);
        }
        Skip(1);
        return new PhiloxBlock(x0, x1, x2, x3);
    }

    /// <summary>
    /// The next <c>words.Length / 4</c> blocks, block i's words at 4i..4i+3 (as that many <see cref="Next"/> calls),
    /// eight blocks at a time on AVX-512: one block is a chain of ten dependent multiplies, eight are independent lanes.
    /// </summary>
    public void NextBlocks(Span<uint> words)
    {
        if (words.Length % 4 != 0) throw new ArgumentException("a whole number of 4-word blocks is required", nameof(words));
        int blocks = words.Length / 4, done = NextBlocksVector(words);
        for (int i = done; i < blocks; i++)
        {
            var b = Next();
            (words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]) = (b.X0, b.X1, b.X2, b.X3);
        }
    }

    /// <summary>Advances the counter by <paramref name="blocks"/> (a 128-bit add), as if <see cref="Next"/> ran that often.</summary>
    public void Skip(ulong blocks)
    {
        ulong low = ((ulong)_c1 << 32 | _c0) + blocks;
        bool carry = low < blocks;
        (_c0, _c1) = ((uint)low, (uint)(low >> 32));
        if (carry && ++_c2 == 0) ++_c3;
    }
}
