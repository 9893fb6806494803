using GraphTrainer.Data;
using NumSharp;
using static GraphTrainer.Data.datasets;
using static GraphTrainer.Data.model_selection;
using static GraphTrainer.Data.preprocessing;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// The canonical MNIST files, found through the normal search order (CI copies them into
    /// data/MNIST_data/). When they are absent these tests FAIL with the not-found message; they never skip.
    /// </summary>
    public class RealMnistTests
    {
        // Published MNIST class counts.
        private static readonly int[] TrainCounts = { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 };
        private static readonly int[] TestCounts = { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 };

        private static int[] Histogram(byte[] labels)
        {
            var h = new int[10];
            foreach (byte l in labels)
                h[l]++;
            return h;
        }

        private static byte[] ArgMax(NDArray oneHot)
        {
            float[] v = oneHot.ToArray<float>();
            int rows = (int)oneHot.shape[0];
            var result = new byte[rows];
            for (int r = 0; r < rows; r++)
            {
                var row = v.AsSpan(r * 10, 10);
                float sum = 0;
                foreach (float x in row)
                {
                    Assert.True(x == 0f || x == 1f);
                    sum += x;
                }
                Assert.Equal(1f, sum);
                result[r] = (byte)row.IndexOf(1f);
            }
            return result;
        }

        [Fact]
        public void Read_data_sets_one_hot()
        {
            var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
            Assert.Equal((55000, 5000, 10000), (mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples));
            Assert.Equal(new long[] { 55000, 784 }, mnist.train.images.shape);
            Assert.Equal(new long[] { 10000, 10 }, mnist.test.labels.shape);

            float[] pixels = mnist.test.images.ToArray<float>();
            Assert.Equal(1.0f, pixels.Max());
            Assert.Equal(0.0f, pixels.Min());

            byte[] test = ArgMax(mnist.test.labels);
            byte[] validation = ArgMax(mnist.validation.labels);
            byte[] train = ArgMax(mnist.train.labels);
            Assert.Equal(7, test[0]);          // first test digit of canonical MNIST
            Assert.Equal(5, validation[0]);    // first training digit: validation is the first 5000
            Assert.Equal(TestCounts, Histogram(test));
            Assert.Equal(TrainCounts, Histogram(validation.Concat(train).ToArray()));

            var (x, y) = mnist.train.next_batch(100);
            Assert.Equal(new long[] { 100, 784 }, x.shape);
            Assert.Equal(new long[] { 100, 10 }, y.shape);
        }

        [Fact]
        public void Read_data_sets_dense_labels_and_seeded_order()
        {
            var mnist = input_data.read_data_sets("MNIST_data/", seed: 7);
            Assert.Equal(NPTypeCode.Byte, mnist.test.labels.typecode);
            Assert.Equal(7, mnist.test.labels.GetByte(0));
            Assert.Equal(5, mnist.validation.labels.GetByte(0));

            NDArray unshuffled = mnist.train.images;
            var (x, _) = mnist.train.next_batch(5);
            // numpy: RandomState(7).permutation(55000)[:5] == [2605, 20442, 11175, 9740, 23363]
            long[] rows = { 2605, 20442, 11175, 9740, 23363 };
            float[] expected = rows.SelectMany(r => unshuffled[(int)r].ToArray<float>()).ToArray();
            Assert.Equal(expected, x.ToArray<float>());
        }

        [Fact]
        public void Sklearn_tutorial_pipeline()
        {
            var data = fetch_mldata("MNIST original");
            var X = data.data;
            var y = data.target.reshape(X.shape[0], 1);
            Assert.Equal(new long[] { 70000, 784 }, X.shape);
            double[] target = data.target.ToArray<double>();
            Assert.Equal((0.0, 9.0, 0.0, 9.0), (target[0], target[59999], target[60000], target[69999]));
            Assert.Equal(5.0, target[36000]);   // the "some_digit = X[36000]" of Hands-On ML is a 5

            var encoder = new OneHotEncoder();
            encoder.fit(y);
            y = encoder.transform(y).toarray();
            var (X_train, X_test, y_train, y_test) = train_test_split(X, y, test_size: 0.2, random_state: 1);
            Assert.Equal(new long[] { 56000, 784 }, X_train.shape);
            Assert.Equal(new long[] { 14000, 784 }, X_test.shape);
            Assert.Equal(new long[] { 56000, 10 }, y_train.shape);
            Assert.Equal(new long[] { 14000, 10 }, y_test.shape);

            // Row 0 of the test split is row 6670 of X (numpy: RandomState(1).permutation(70000)[0]).
            Assert.Equal(X[6670].ToArray<float>(), X_test[0].ToArray<float>());
            Assert.Equal(1.0, y_test.GetDouble(0, (int)target[6670]));
            Assert.Equal(255f, X_test.ToArray<float>().Max());
            double[] yt = y_test.ToArray<double>();
            for (int r = 0; r < 14000; r++)
                Assert.Equal(1.0, yt.AsSpan(r * 10, 10).ToArray().Sum());
        }
    }
}
