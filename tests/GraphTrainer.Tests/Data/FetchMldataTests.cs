using NumSharp;
using static GraphTrainer.Data.datasets;

namespace GraphTrainer.Tests.Data
{
    /// <summary>fetch_mldata("MNIST original") on synthetic idx files given as data_home.</summary>
    public class FetchMldataTests : IDisposable
    {
        private const int Train = 25, Test = 12;
        private readonly TempDir _dir = new TempDir();

        public FetchMldataTests() => SyntheticMnist.WriteAll(_dir.Path, Train, Test);

        public void Dispose() => _dir.Dispose();

        [Fact]
        public void Train_then_test_each_stably_sorted_by_label_with_raw_pixels()
        {
            var mnist = fetch_mldata("MNIST original", data_home: _dir.Path);
            Assert.Equal(new long[] { Train + Test, 784 }, mnist.data.shape);
            Assert.Equal(NPTypeCode.Single, mnist.data.typecode);
            Assert.Equal(NPTypeCode.Double, mnist.target.typecode);
            float[] X = mnist.data.ToArray<float>();
            double[] y = mnist.target.ToArray<double>();
            Assert.Equal(255f, X.Max());

            foreach (var (start, count) in new[] { (0, Train), (Train, Test) })
            {
                // Expected order: file indices sorted by (label, index).
                int[] expected = Enumerable.Range(0, count).OrderBy(i => SyntheticMnist.Label(i)).ThenBy(i => i).ToArray();
                for (int r = 0; r < count; r++)
                {
                    int file = expected[r];
                    Assert.Equal(SyntheticMnist.Label(file), y[start + r]);
                    Assert.Equal(file, X[(start + r) * 784]);   // pixel 0 holds the file index
                    Assert.Equal(SyntheticMnist.Pixel(file, 500), X[(start + r) * 784 + 500]);
                }
            }
        }

        [Fact]
        public void Name_is_normalised_like_mldata()
            => Assert.Equal(Train + Test, fetch_mldata("mnist-original", data_home: _dir.Path).target.size);
    }
}
