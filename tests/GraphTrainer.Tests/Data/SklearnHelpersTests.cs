using NumSharp;
using static GraphTrainer.Data.datasets;
using static GraphTrainer.Data.model_selection;
using static GraphTrainer.Data.preprocessing;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// The scikit-learn stand-ins. Expected splits and encodings are what scikit-learn 1.2 / numpy 1.24
    /// print for the same calls.
    /// </summary>
    public class SklearnHelpersTests
    {
        private static NDArray Column(params double[] v) => new NDArray(v, new Shape(v.Length, 1));

        private static NDArray Range(int n) => new NDArray(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), new Shape(n));

        [Fact]
        public void Split_matches_sklearn_and_keeps_rows_together()
        {
            // sklearn: train_test_split(arange(20).reshape(10,2), arange(10), test_size=0.2, random_state=1)
            var X = new NDArray(Enumerable.Range(0, 20).Select(i => (double)i).ToArray(), new Shape(10, 2));
            var y = Range(10);
            var (X_train, X_test, y_train, y_test) = train_test_split(X, y, test_size: 0.2, random_state: 1);
            Assert.Equal(new long[] { 6, 4, 0, 3, 1, 7, 8, 5 }, y_train.ToArray<long>());
            Assert.Equal(new long[] { 2, 9 }, y_test.ToArray<long>());
            Assert.Equal(new long[] { 8, 2 }, X_train.shape);
            Assert.Equal(new double[] { 4, 5, 18, 19 }, X_test.ToArray<double>());
        }

        [Theory]
        [InlineData(0.25, null, 3, "2,9,6,7,0,3,8", "5,4,1")]
        [InlineData(3.0, null, 0, "9,1,6,7,3,0,5", "2,8,4")]      // int test_size=3
        [InlineData(null, 0.5, 2, "2,3,6,9,8", "4,1,5,0,7")]
        [InlineData(null, null, 5, "4,7,1,0,8,6,3", "9,5,2")]     // default test_size 0.25 -> ceil(2.5) = 3
        public void Split_sizes_follow_shuffle_split(double? test, double? train, int seed, string trainIds, string testIds)
        {
            var (a, b) = train_test_split(Range(10), test_size: test, train_size: train, random_state: seed);
            Assert.Equal(trainIds, string.Join(",", a.ToArray<long>()));
            Assert.Equal(testIds, string.Join(",", b.ToArray<long>()));
        }

        [Fact]
        public void Split_without_shuffle_takes_train_first()
        {
            var (a, b) = train_test_split(Range(10), test_size: 0.3, shuffle: false);
            Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6 }, a.ToArray<long>());
            Assert.Equal(new long[] { 7, 8, 9 }, b.ToArray<long>());
        }

        [Fact]
        public void Split_indices_for_mnist_sized_input_match_numpy()
        {
            var (train, test) = SplitIndices(70000, test_size: 0.2, random_state: 1);
            Assert.Equal((56000, 14000), (train.Length, test.Length));
            Assert.Equal(new long[] { 6670, 49567, 50796, 22310, 54037 }, test[..5]);
            Assert.Equal(new long[] { 57050, 66119, 2762, 6182, 35804 }, train[..5]);
            Assert.Equal(new long[] { 21440, 50057, 5192 }, train[^3..]);
            Assert.Equal(70000, train.Concat(test).Distinct().Count());
        }

        [Fact]
        public void Split_rejects_what_sklearn_rejects()
        {
            var e = Assert.Throws<ArgumentException>(() => train_test_split(Range(10), Range(9), test_size: 0.2));
            Assert.Contains("inconsistent numbers of samples: [10, 9]", e.Message);
            Assert.Throws<ArgumentException>(() => train_test_split(Range(10), test_size: 1.5));
            Assert.Throws<ArgumentException>(() => train_test_split(Range(10), test_size: 10.0));
            Assert.Throws<ArgumentException>(() => train_test_split(Range(10), test_size: 0.6, train_size: 0.6));
        }

        [Fact]
        public void One_hot_encoder_sorts_categories()
        {
            var encoder = new OneHotEncoder();
            Assert.Same(encoder, encoder.fit(Column(3, 1, 2, 3)));
            Assert.Equal(new double[] { 1, 2, 3 }, encoder.categories_[0].ToArray<double>());
            NDArray y = encoder.transform(Column(3, 1, 2, 3)).toarray();
            Assert.Equal(NPTypeCode.Double, y.typecode);
            Assert.Equal(new long[] { 4, 3 }, y.shape);
            Assert.Equal(new double[] { 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1 }, y.ToArray<double>());
        }

        [Fact]
        public void One_hot_encoder_concatenates_column_blocks()
        {
            // sklearn: OneHotEncoder().fit_transform([[2,10],[1,20],[2,30],[0,10]]).toarray()
            var X = new NDArray(new[] { 2, 10, 1, 20, 2, 30, 0, 10 }, new Shape(4, 2));
            var m = new OneHotEncoder().fit_transform(X);
            Assert.Equal((4, 6), m.shape);
            Assert.Equal(8, m.nnz);
            Assert.Equal(new double[]
            {
                0, 0, 1, 1, 0, 0,
                0, 1, 0, 0, 1, 0,
                0, 0, 1, 0, 0, 1,
                1, 0, 0, 1, 0, 0,
            }, m.toarray().ToArray<double>());
        }

        [Fact]
        public void One_hot_encoder_errors_and_ignore()
        {
            var e = Assert.Throws<ArgumentException>(() => new OneHotEncoder().fit(Column(1, 2).reshape(2)));
            Assert.Contains("Expected 2D array, got 1D array instead", e.Message);
            Assert.Throws<InvalidOperationException>(() => new OneHotEncoder().transform(Column(1)));

            var strict = new OneHotEncoder().fit(Column(0, 1));
            var unknown = Assert.Throws<ArgumentException>(() => strict.transform(Column(1, 5)));
            Assert.Contains("Found unknown categories [5.0] in column 0 during transform", unknown.Message);

            var lax = new OneHotEncoder(handle_unknown: "ignore").fit(Column(0, 1));
            Assert.Equal(new double[] { 0, 1, 0, 0 }, lax.transform(Column(1, 5)).toarray().ToArray<double>());
        }

        [Fact]
        public void Fetch_mldata_rejects_other_data_sets()
            => Assert.Throws<ArgumentException>(() => fetch_mldata("iris"));
    }
}
