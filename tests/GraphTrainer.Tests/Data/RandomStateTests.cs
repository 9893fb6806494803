using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// numpy's legacy RandomState, checked against the MT19937 reference outputs and values numpy 1.24
    /// prints (numpy.random.RandomState(seed).permutation(n) etc.).
    /// </summary>
    public class RandomStateTests
    {
        [Fact]
        public void Mt19937_reference_outputs_for_seed_5489()
        {
            var rs = new RandomState(5489);
            Assert.Equal(3499211612u, rs.NextUInt32());
            Assert.Equal(581869302u, rs.NextUInt32());
            Assert.Equal(3890346734u, rs.NextUInt32());
        }

        [Fact]
        public void Mt19937_ten_thousandth_output_for_seed_5489_is_the_cpp_standard_value()
        {
            // C++ [rand.predef]: the 10000th invocation of a default-constructed mt19937 yields 4123659995.
            var rs = new RandomState(5489);
            uint value = 0;
            for (int i = 0; i < 10000; i++)
                value = rs.NextUInt32();
            Assert.Equal(4123659995u, value);
        }

        [Fact]
        public void Random_sample_matches_numpy_seed_0()
        {
            var rs = new RandomState(0);
            Assert.Equal(0.5488135039273248, rs.random_sample());
            Assert.Equal(0.7151893663724195, rs.random_sample());
        }

        [Theory]
        [InlineData(0, new long[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 })]
        [InlineData(42, new long[] { 8, 1, 5, 0, 7, 2, 9, 4, 3, 6 })]
        [InlineData(1, new long[] { 3, 16, 6, 10, 2, 14, 4, 17, 7, 1, 13, 0, 19, 18, 9, 15, 8, 12, 11, 5 })]
        [InlineData(4294967295, new long[] { 1, 7, 6, 0, 5, 4, 2, 3 })]
        [InlineData(1, new long[] { 0 })]
        [InlineData(1, new long[0])]
        public void Permutation_matches_numpy(long seed, long[] expected)
            => Assert.Equal(expected, new RandomState(seed).permutation(expected.Length));

        [Fact]
        public void Consecutive_permutations_continue_the_stream_like_numpy()
        {
            var rs = new RandomState(7);
            Assert.Equal(new long[] { 8, 5, 0, 2, 1, 9, 7, 3, 6, 4 }, rs.permutation(10));
            Assert.Equal(new long[] { 1, 3, 2, 5, 9, 0, 4, 6, 7, 8 }, rs.permutation(10));
            Assert.Equal(new long[] { 2, 4, 1, 9, 6, 8, 7, 0, 5, 3 }, rs.permutation(10));
        }

        [Fact]
        public void Large_permutation_matches_numpy_at_both_ends()
        {
            // numpy: RandomState(1).permutation(70000) -> [6670, 49567, 50796, 22310, 54037, ...,  21440, 50057, 5192]
            long[] p = new RandomState(1).permutation(70000);
            Assert.Equal(new long[] { 6670, 49567, 50796, 22310, 54037 }, p[..5]);
            Assert.Equal(new long[] { 57050, 66119, 2762, 6182, 35804 }, p[14000..14005]);
            Assert.Equal(new long[] { 21440, 50057, 5192 }, p[^3..]);
        }

        [Fact]
        public void Random_interval_of_zero_draws_nothing()
        {
            var a = new RandomState(3);
            var b = new RandomState(3);
            Assert.Equal(0ul, a.RandomInterval(0));
            Assert.Equal(b.NextUInt32(), a.NextUInt32());
        }

        [Fact]
        public void Random_interval_uses_masked_rejection_of_32_bit_draws()
        {
            var a = new RandomState(11);
            var b = new RandomState(11);
            for (int k = 0; k < 200; k++)
            {
                ulong max = (ulong)(k * 37 + 5);
                ulong mask = 1;
                while (mask < max)
                    mask = (mask << 1) | 1;
                ulong expected;
                while ((expected = b.NextUInt32() & mask) > max) { }
                Assert.Equal(expected, a.RandomInterval(max));
            }
        }

        [Fact]
        public void Random_interval_above_32_bits_uses_64_bit_draws()
        {
            var a = new RandomState(11);
            var b = new RandomState(11);
            ulong max = (1ul << 40) + 12345;
            ulong mask = (1ul << 41) - 1;
            ulong expected;
            while ((expected = (((ulong)b.NextUInt32() << 32) | b.NextUInt32()) & mask) > max) { }
            Assert.Equal(expected, a.RandomInterval(max));
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(4294967296)]
        public void Seed_outside_numpy_range_is_rejected(long seed)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomState(seed));
            Assert.Contains("Seed must be between 0 and 2**32 - 1", e.Message);
        }
    }
}
