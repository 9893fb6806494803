using System.Security.Cryptography;

namespace GraphTrainer.Data
{
    /// <summary>
    /// An honest re-implementation of numpy's legacy <c>numpy.random.RandomState</c> (the MT19937
    /// generator with <c>init_genrand</c> seeding), limited to what the data layer needs: raw 32-bit
    /// draws, <c>random_sample</c>, <c>shuffle</c> and <c>permutation</c>. Given the same integer seed it
    /// produces the same streams as numpy, so shuffles made here (TensorFlow's <c>DataSet.next_batch</c>,
    /// scikit-learn's <c>train_test_split</c>) select the same examples as the Python originals.
    /// Not thread-safe: use one instance per consumer.
    /// </summary>
    public sealed class RandomState
    {
        private const int N = 624;
        private const int M = 397;
        private const uint MatrixA = 0x9908b0dfU;
        private const uint UpperMask = 0x80000000U;
        private const uint LowerMask = 0x7fffffffU;

        private readonly uint[] _key = new uint[N];
        private int _pos;

        /// <summary>Seeds like <c>numpy.random.RandomState(seed)</c> with an integer seed.</summary>
        /// <param name="seed">A seed in [0, 2**32 - 1], as numpy requires.</param>
        /// <exception cref="ArgumentOutOfRangeException">The seed is outside numpy's accepted range.</exception>
        public RandomState(long seed)
        {
            if (seed < 0 || seed > uint.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(seed), seed, "Seed must be between 0 and 2**32 - 1");
            InitGenrand((uint)seed);
        }

        /// <summary>
        /// Seeds from the operating system's entropy, like <c>numpy.random.RandomState(None)</c>
        /// (the stream is not reproducible; numpy itself does not promise which one it gets either).
        /// </summary>
        public RandomState() : this(BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)))
        {
        }

        // init_genrand from the MT19937 reference code, which numpy's mt19937_seed reproduces.
        private void InitGenrand(uint seed)
        {
            _key[0] = seed;
            for (int i = 1; i < N; i++)
                _key[i] = unchecked(1812433253U * (_key[i - 1] ^ (_key[i - 1] >> 30)) + (uint)i);
            _pos = N;
        }

        private void Generate()
        {
            uint y;
            int k;
            for (k = 0; k < N - M; k++)
            {
                y = (_key[k] & UpperMask) | (_key[k + 1] & LowerMask);
                _key[k] = _key[k + M] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
            }
            for (; k < N - 1; k++)
            {
                y = (_key[k] & UpperMask) | (_key[k + 1] & LowerMask);
                _key[k] = _key[k + (M - N)] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
            }
            y = (_key[N - 1] & UpperMask) | (_key[0] & LowerMask);
            _key[N - 1] = _key[M - 1] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
            _pos = 0;
        }

        /// <summary>The next raw 32-bit output (<c>genrand_int32</c>; numpy's <c>next_uint32</c>).</summary>
        public uint NextUInt32()
        {
            if (_pos == N)
                Generate();
            uint y = _key[_pos++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680U;
            y ^= (y << 15) & 0xefc60000U;
            y ^= y >> 18;
            return y;
        }

        /// <summary>The next 64-bit output: two 32-bit draws, high word first, as numpy's MT19937 <c>next_uint64</c>.</summary>
        public ulong NextUInt64()
        {
            ulong hi = NextUInt32();
            return (hi << 32) | NextUInt32();
        }

        /// <summary>A double in [0, 1) with 53 random bits, exactly numpy's legacy <c>random_sample()</c>.</summary>
        public double random_sample()
        {
            uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
            return (a * 67108864.0 + b) / 9007199254740992.0;
        }

        /// <summary>
        /// A uniform integer in [0, <paramref name="max"/>], numpy's <c>random_interval</c> (formerly
        /// randomkit's <c>rk_interval</c>): mask the draw to the smallest all-ones bit pattern covering
        /// <paramref name="max"/> and reject values above it. 32-bit draws are used while max fits in 32 bits.
        /// </summary>
        public ulong RandomInterval(ulong max)
        {
            if (max == 0)
                return 0;
            ulong mask = max;
            mask |= mask >> 1;
            mask |= mask >> 2;
            mask |= mask >> 4;
            mask |= mask >> 8;
            mask |= mask >> 16;
            mask |= mask >> 32;
            ulong value;
            if (max <= uint.MaxValue)
            {
                while ((value = NextUInt32() & mask) > max) { }
            }
            else
            {
                while ((value = NextUInt64() & mask) > max) { }
            }
            return value;
        }

        /// <summary>
        /// Shuffles in place like numpy's legacy <c>RandomState.shuffle</c> on a 1-D array: Fisher–Yates
        /// from the end, for i = n-1 down to 1 swapping element i with element <c>RandomInterval(i)</c>.
        /// </summary>
        public void shuffle<T>(Span<T> values)
        {
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = (int)RandomInterval((ulong)i);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }

        /// <summary>numpy's <c>RandomState.permutation(n)</c>: <c>arange(n)</c> (int64) shuffled by <see cref="shuffle{T}"/>.</summary>
        /// <param name="n">Number of elements; must be non-negative.</param>
        public long[] permutation(int n)
        {
            if (n < 0)
                throw new ArgumentOutOfRangeException(nameof(n), n, "negative dimensions are not allowed");
            var perm = new long[n];
            for (int i = 0; i < n; i++)
                perm[i] = i;
            shuffle<long>(perm);
            return perm;
        }
    }
}
