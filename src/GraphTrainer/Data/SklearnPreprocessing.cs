using System.Globalization;
using NumSharp;

namespace GraphTrainer.Data
{
    // CS8981: lower-case names mirror the Python module (using static GraphTrainer.Data.preprocessing).
    // NDW016: categories_ arrays are handed to callers, who may keep them.
#pragma warning disable CS8981, NDW016
    /// <summary>
    /// An honest stand-in for <c>sklearn.preprocessing</c> (it is not scikit-learn): after
    /// <c>using static GraphTrainer.Data.preprocessing;</c>,
    /// <c>encoder = OneHotEncoder(); encoder.fit(y); y = encoder.transform(y).toarray()</c> ports as
    /// <c>var encoder = new OneHotEncoder(); encoder.fit(y); y = encoder.transform(y).toarray();</c>.
    /// </summary>
    public static partial class preprocessing
    {
        /// <summary>
        /// scikit-learn's <c>OneHotEncoder</c> with <c>categories='auto'</c>: each input column's categories are
        /// its distinct values sorted ascending (NaN last, as <c>numpy.unique</c> sorts); output columns are the
        /// per-column one-hot blocks side by side. Inputs of any numeric dtype are compared as float64.
        /// </summary>
        public sealed class OneHotEncoder
        {
            private Dictionary<double, int>[] _lookup;

            /// <summary>Creates an unfitted encoder.</summary>
            /// <param name="handle_unknown">"error" (default) rejects categories unseen by fit; "ignore" encodes them as all zeros.</param>
            public OneHotEncoder(string handle_unknown = "error")
            {
                if (handle_unknown != "error" && handle_unknown != "ignore")
                    throw new ArgumentException(
                        $"handle_unknown should be one of 'error', 'ignore', got {handle_unknown}.", nameof(handle_unknown));
                this.handle_unknown = handle_unknown;
            }

            /// <summary>How unseen categories are treated by <see cref="transform"/>.</summary>
            public string handle_unknown { get; }

            /// <summary>Sorted float64 categories of each input column (set by <see cref="fit"/>).</summary>
            public IReadOnlyList<NDArray> categories_ { get; private set; }

            /// <summary>Number of input columns seen by <see cref="fit"/>.</summary>
            public int n_features_in_ { get; private set; }

            /// <summary>Learns each column's categories. Returns this encoder, as sklearn does.</summary>
            /// <param name="X">2-D [n_samples, n_features] array.</param>
            /// <exception cref="ArgumentException">X is not 2-D.</exception>
            public OneHotEncoder fit(NDArray X)
            {
                var (values, rows, cols) = ToMatrix(X);
                var categories = new NDArray[cols];
                _lookup = new Dictionary<double, int>[cols];
                for (int c = 0; c < cols; c++)
                {
                    var distinct = new HashSet<double>();
                    for (long r = 0; r < rows; r++)
                        distinct.Add(Canonical(values[r * cols + c]));
                    double[] sorted = distinct.ToArray();
                    Array.Sort(sorted, CompareNaNLast);
                    categories[c] = new NDArray(sorted, new Shape(sorted.Length));
                    _lookup[c] = new Dictionary<double, int>(sorted.Length);
                    for (int k = 0; k < sorted.Length; k++)
                        _lookup[c][sorted[k]] = k;
                }
                categories_ = categories;
                n_features_in_ = cols;
                return this;
            }

            /// <summary>One-hot encodes X with the fitted categories.</summary>
            /// <param name="X">2-D [n_samples, n_features_in_] array.</param>
            /// <returns>A sparse matrix; call <see cref="csr_matrix.toarray"/> for the dense float64 array.</returns>
            /// <exception cref="InvalidOperationException">The encoder is not fitted.</exception>
            /// <exception cref="ArgumentException">Wrong shape, or an unknown category with handle_unknown="error".</exception>
            public csr_matrix transform(NDArray X)
            {
                if (_lookup == null)
                    throw new InvalidOperationException(
                        "This OneHotEncoder instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.");
                var (values, rows, cols) = ToMatrix(X);
                if (cols != n_features_in_)
                    throw new ArgumentException(
                        $"X has {cols} features, but OneHotEncoder is expecting {n_features_in_} features as input.");
                var offsets = new int[cols];
                int width = 0;
                for (int c = 0; c < cols; c++)
                {
                    offsets[c] = width;
                    width += _lookup[c].Count;
                }
                var columns = new int[rows * cols];
                for (int c = 0; c < cols; c++)
                {
                    var unknown = new SortedSet<double>(Comparer<double>.Create(CompareNaNLast));
                    for (long r = 0; r < rows; r++)
                    {
                        double v = Canonical(values[r * cols + c]);
                        if (_lookup[c].TryGetValue(v, out int k))
                            columns[r * cols + c] = offsets[c] + k;
                        else
                        {
                            unknown.Add(v);
                            columns[r * cols + c] = -1;
                        }
                    }
                    if (unknown.Count > 0 && handle_unknown == "error")
                        throw new ArgumentException(
                            $"Found unknown categories [{string.Join(", ", unknown.Select(Format))}] in column {c} during transform");
                }
                return new csr_matrix((int)rows, width, cols, columns);
            }

            /// <summary><see cref="fit"/> then <see cref="transform"/>.</summary>
            /// <param name="X">2-D [n_samples, n_features] array.</param>
            public csr_matrix fit_transform(NDArray X) => fit(X).transform(X);

            private static (double[] values, long rows, int cols) ToMatrix(NDArray X)
            {
                ArgumentNullException.ThrowIfNull(X);
                if (X.ndim != 2)
                    throw new ArgumentException(X.ndim == 1
                        ? "Expected 2D array, got 1D array instead. Reshape your data either using array.reshape(-1, 1) " +
                          "if your data has a single feature or array.reshape(1, -1) if it contains a single sample."
                        : $"Expected 2D array, got {X.ndim}D array instead.");
                if (X.shape[0] * X.shape[1] > int.MaxValue)
                    throw new ArgumentException($"X of shape ({X.shape[0]}, {X.shape[1]}) is too large.");
                double[] values = X.typecode == NPTypeCode.Double
                    ? RowOps.Contiguous(X).ToArray<double>()
                    : X.astype(NPTypeCode.Double).ToArray<double>();
                return (values, X.shape[0], (int)X.shape[1]);
            }

            // -0.0 and 0.0 are one category, as in numpy.unique.
            private static double Canonical(double v) => v == 0 ? 0.0 : v;

            private static int CompareNaNLast(double a, double b)
                => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);

            // Python's repr of a float: 5.0, 2.5, nan.
            private static string Format(double v)
                => double.IsNaN(v) ? "nan" : v == Math.Floor(v) && Math.Abs(v) < 1e16
                    ? v.ToString("0.0", CultureInfo.InvariantCulture)
                    : v.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
