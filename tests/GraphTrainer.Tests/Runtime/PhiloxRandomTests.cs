using GraphTrainer.Runtime;

namespace GraphTrainer.Tests.Runtime;

/// <summary>Philox4x32-10 against published answers: Random123's known-answer vectors and a TensorFlow golden.</summary>
public class PhiloxRandomTests
{
    // Random123 tests/kat_vectors (github.com/DEShawResearch/random123), the three "philox4x32 10" lines:
    // counter (4 words), key (2 words), expected block (4 words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Matches_Random123_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        var philox = new PhiloxRandom(new PhiloxBlock(c0, c1, c2, c3), k0, k1);
        Assert.Equal(new PhiloxBlock(r0, r1, r2, r3), philox.Next());
    }

    [Fact]
    public void Seeds_map_to_key_and_upper_counter_as_TensorFlow()
    {
        var fromSeeds = new PhiloxRandom(seed: 0x0123456789ABCDEF, seed2: 0xFEDCBA9876543210);
        Assert.Equal(new PhiloxBlock(0, 0, 0x76543210, 0xFEDCBA98), fromSeeds.Counter);
        var explicitly = new PhiloxRandom(new PhiloxBlock(0, 0, 0x76543210, 0xFEDCBA98), 0x89ABCDEF, 0x01234567);
        Assert.Equal(explicitly.Next(), fromSeeds.Next());
    }

    [Theory]
    [InlineData(0u, 0u, 0u, 37)]                   // vectors of eight blocks, then single blocks
    [InlineData(0xFFFFFFFBu, 0xFFFFFFFFu, 9u, 24)] // the low 64 bits wrap inside the first eight: carried into word 2
    [InlineData(0xFFFFFFFCu, 0x00000007u, 3u, 16)] // word 0 wraps into word 1 between lanes
    public void NextBlocks_is_that_many_Next_calls(uint c0, uint c1, uint c2, int blocks)
    {
        var bulk = new PhiloxRandom(new PhiloxBlock(c0, c1, c2, 5), 0x12345678, 0x9ABCDEF0);
        var single = bulk;
        var words = new uint[4 * blocks];
        bulk.NextBlocks(words);
        for (int i = 0; i < blocks; i++)
        {
            var b = single.Next();
            Assert.Equal(new[] { b.X0, b.X1, b.X2, b.X3 }, words[(4 * i)..(4 * i + 4)]);
        }
        Assert.Equal(single.Counter, bulk.Counter);
    }

    [Fact]
    public void Next_increments_the_128_bit_counter()
    {
        var philox = new PhiloxRandom(new PhiloxBlock(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 7), 1, 2);
        philox.Next();
        Assert.Equal(new PhiloxBlock(0, 0, 0, 8), philox.Counter);
    }

    [Theory]
    [InlineData(0u, 0u, 1UL)]
    [InlineData(0xFFFFFFF0u, 0u, 0x20UL)]
    [InlineData(0xFFFFFFF0u, 0xFFFFFFFFu, 0x20UL)]
    [InlineData(5u, 6u, 0xFFFFFFFFFFFFFFFFUL)]
    public void Skip_adds_to_the_counter_with_carry(uint c0, uint c1, ulong skip)
    {
        var philox = new PhiloxRandom(new PhiloxBlock(c0, c1, 0xFFFFFFFF, 3), 9, 9);
        philox.Skip(skip);
        var start = new UInt128(3UL << 32 | 0xFFFFFFFF, (ulong)c1 << 32 | c0);
        var expected = start + skip;
        var c = philox.Counter;
        Assert.Equal(expected, new UInt128((ulong)c.X3 << 32 | c.X2, (ulong)c.X1 << 32 | c.X0));
    }

    [Fact]
    public void Skip_equals_drawing_that_many_blocks()
    {
        var drawn = new PhiloxRandom(42, 7);
        var skipped = drawn;
        for (int i = 0; i < 13; i++) drawn.Next();
        skipped.Skip(13);
        Assert.Equal(drawn.Next(), skipped.Next());
    }

    // TensorFlow's tensorflow/python/ops/stateful_random_ops_test.py, testTF1: Generator(seed=1234).normal([2, 3]),
    // run twice. A seed of 1234 is the Philox state [counter 1234, key 0] (see testCreateRNGStateIntSeed there), and
    // each run fills from the state and then advances it by 6 × 256 blocks, as the seeded random ops do.
    private static readonly float[] TfNormal1 = { 0.9356609f, 1.0854305f, -0.93788373f, -0.50615472f, 1.31697023f, 0.71375787f };
    private static readonly float[] TfNormal2 = { -0.3964749f, 0.8369565f, -0.30946946f, 1.1206646f, 1.00852597f, -0.10185789f };

    [Fact]
    public void Normal_matches_TensorFlow_golden_values_within_one_ulp()
    {
        var generator = new PhiloxRandom(new PhiloxBlock(1234, 0, 0, 0), 0, 0);
        var first = new float[6];
        PhiloxFill.Fixed(generator, first, 4, PhiloxDistributions.NormalFloat);
        generator.Skip(6 * 256);
        var second = new float[6];
        PhiloxFill.Fixed(generator, second, 4, PhiloxDistributions.NormalFloat);

        // The first run matches to the bit. In the second, TensorFlow's logf(0.6512613) (its libm) returned one ulp
        // off the correctly rounded value that .NET returns, which shifts that Box–Muller pair by one ulp.
        Assert.Equal(TfNormal1, first);
        Assert.All(TfNormal2.Zip(second), p => Assert.InRange(UlpDistance(p.First, p.Second), 0, 1));
    }

    private static int UlpDistance(float a, float b) => Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));
}
