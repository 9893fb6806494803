using NumSharp;

namespace GraphTrainer.Data
{
    /// <summary>
    /// An honest stand-in for <c>sklearn.model_selection.train_test_split</c> (it is not scikit-learn):
    /// the same ShuffleSplit arithmetic and numpy's legacy MT19937 permutation (<see cref="RandomState"/>),
    /// so a given <c>random_state</c> selects exactly the rows scikit-learn selects.
    /// </summary>
    public static class model_selection
    {
        /// <summary>
        /// <c>X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)</c>
        /// ported as <c>var (X_train, X_test, y_train, y_test) = train_test_split(X, y, test_size: 0.2, random_state: 1);</c>.
        /// <para>Sizes: a fraction in (0, 1) means <c>n_test = ceil(test_size*n)</c> /
        /// <c>n_train = floor(train_size*n)</c>; a whole number ≥ 1 is an absolute count (Python's int
        /// sizes). With neither given test_size is 0.25; with one given the other is the remainder.
        /// Selection: <c>p = RandomState(random_state).permutation(n)</c>, test rows <c>p[:n_test]</c>,
        /// train rows <c>p[n_test:n_test+n_train]</c>. With <paramref name="shuffle"/> false, train is the
        /// first n_train rows and test the next n_test. <c>stratify</c> is not supported.</para>
        /// </summary>
        /// <param name="X">Samples along axis 0.</param>
        /// <param name="y">Targets along axis 0, same length as X.</param>
        /// <param name="test_size">Fraction or count of test samples.</param>
        /// <param name="train_size">Fraction or count of train samples.</param>
        /// <param name="random_state">numpy seed in [0, 2**32-1]; null for a non-reproducible split.</param>
        /// <param name="shuffle">Whether to shuffle before splitting.</param>
        /// <exception cref="ArgumentException">Inconsistent lengths or sizes that sklearn rejects.</exception>
        public static (NDArray, NDArray, NDArray, NDArray) train_test_split(NDArray X, NDArray y,
            double? test_size = null, double? train_size = null, int? random_state = null, bool shuffle = true)
        {
            ArgumentNullException.ThrowIfNull(X);
            ArgumentNullException.ThrowIfNull(y);
            long n = Length(X);
            if (Length(y) != n)
                throw new ArgumentException(
                    $"Found input variables with inconsistent numbers of samples: [{n}, {Length(y)}]");
            var (train, test) = SplitIndices(n, test_size, train_size, random_state, shuffle);
            X = RowOps.Contiguous(X);
            y = RowOps.Contiguous(y);
            return (RowOps.Gather(X, train), RowOps.Gather(X, test), RowOps.Gather(y, train), RowOps.Gather(y, test));
        }

        /// <summary>The one-array form: <c>X_train, X_test = train_test_split(X, ...)</c>.</summary>
        /// <param name="X">Samples along axis 0.</param>
        /// <param name="test_size">Fraction or count of test samples.</param>
        /// <param name="train_size">Fraction or count of train samples.</param>
        /// <param name="random_state">numpy seed; null for a non-reproducible split.</param>
        /// <param name="shuffle">Whether to shuffle before splitting.</param>
        public static (NDArray, NDArray) train_test_split(NDArray X,
            double? test_size = null, double? train_size = null, int? random_state = null, bool shuffle = true)
        {
            ArgumentNullException.ThrowIfNull(X);
            var (train, test) = SplitIndices(Length(X), test_size, train_size, random_state, shuffle);
            X = RowOps.Contiguous(X);
            return (RowOps.Gather(X, train), RowOps.Gather(X, test));
        }

        /// <summary>
        /// The (train, test) row indices <see cref="train_test_split(NDArray, NDArray, double?, double?, int?, bool)"/>
        /// selects for <paramref name="n"/> samples: sklearn's <c>ShuffleSplit</c> first split.
        /// </summary>
        /// <param name="n">Number of samples.</param>
        /// <param name="test_size">Fraction or count of test samples.</param>
        /// <param name="train_size">Fraction or count of train samples.</param>
        /// <param name="random_state">numpy seed; null for a non-reproducible split.</param>
        /// <param name="shuffle">Whether to shuffle before splitting.</param>
        public static (long[] train, long[] test) SplitIndices(long n, double? test_size = null,
            double? train_size = null, int? random_state = null, bool shuffle = true)
        {
            var (nTrain, nTest) = ValidateSizes(n, test_size, train_size);
            long[] order;
            if (shuffle)
                order = (random_state.HasValue ? new RandomState(random_state.Value) : new RandomState()).permutation((int)n);
            else
            {
                order = new long[n];
                for (int i = 0; i < n; i++)
                    order[i] = i;
            }
            // ShuffleSplit: test = p[:n_test], train = p[n_test:n_test+n_train]; without shuffle the
            // train block comes first, as sklearn's train_test_split(shuffle=False) does.
            return shuffle
                ? (order.AsSpan((int)nTest, (int)nTrain).ToArray(), order.AsSpan(0, (int)nTest).ToArray())
                : (order.AsSpan(0, (int)nTrain).ToArray(), order.AsSpan((int)nTrain, (int)nTest).ToArray());
        }

        // sklearn's _validate_shuffle_split.
        private static (long nTrain, long nTest) ValidateSizes(long n, double? testSize, double? trainSize)
        {
            if (n > int.MaxValue)
                throw new ArgumentException($"{n} samples is more than train_test_split supports.");
            if (testSize == null && trainSize == null)
                testSize = 0.25;
            bool testFrac = IsFraction(testSize, n, "test_size"), trainFrac = IsFraction(trainSize, n, "train_size");
            if (testFrac && trainFrac && testSize + trainSize > 1)
                throw new ArgumentException(
                    $"The sum of test_size and train_size = {testSize + trainSize}, should be in the (0, 1) range. Reduce test_size and/or train_size.");

            double? nTest = testSize == null ? null : testFrac ? Math.Ceiling(testSize.Value * n) : testSize.Value;
            double? nTrain = trainSize == null ? null : trainFrac ? Math.Floor(trainSize.Value * n) : trainSize.Value;
            nTrain ??= n - nTest.Value;
            nTest ??= n - nTrain.Value;
            if (nTrain + nTest > n)
                throw new ArgumentException(
                    $"The sum of train_size and test_size = {nTrain + nTest}, should be smaller than the number of samples {n}. Reduce test_size and/or train_size.");
            if (nTrain == 0)
                throw new ArgumentException(
                    $"With n_samples={n}, test_size={testSize?.ToString() ?? "None"} and train_size={trainSize?.ToString() ?? "None"}, the resulting train set will be empty. Adjust any of the aforementioned parameters.");
            return ((long)nTrain.Value, (long)nTest.Value);
        }

        // A value in (0, 1) is a fraction; a whole number in [1, n) is a count (Python would pass an int).
        private static bool IsFraction(double? size, long n, string name)
        {
            if (size == null)
                return false;
            double v = size.Value;
            if (v > 0 && v < 1)
                return true;
            if (v >= 1 && v < n && v == Math.Floor(v))
                return false;
            throw new ArgumentException(
                $"{name}={v} should be either positive and smaller than the number of samples {n} or a float in the (0, 1) range");
        }

        private static long Length(NDArray a)
        {
            if (a.ndim < 1)
                throw new ArgumentException("Singleton array cannot be considered a valid collection.");
            return a.shape[0];
        }
    }
}
