using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// next_batch against TensorFlow's algorithm. Expected batches come from running TensorFlow's
    /// DataSet.next_batch code under numpy 1.24 with numpy.random.seed(7) on arange(10).
    /// </summary>
    public class DataSetTests
    {
        // Row i of the images is [i, 100 + i]; label i is i as a byte, so rows can be traced.
        private static DataSet Make(int n, int? seed = 7)
        {
            var images = new float[n * 2];
            var labels = new byte[n];
            for (int i = 0; i < n; i++)
            {
                images[2 * i] = i;
                images[2 * i + 1] = 100 + i;
                labels[i] = (byte)i;
            }
            return new DataSet(new NDArray(images, new Shape(n, 2)), new NDArray(labels, new Shape(n)), seed);
        }

        private static long[] Ids((NDArray images, NDArray labels) batch)
        {
            float[] x = batch.images.ToArray<float>();
            byte[] y = batch.labels.ToArray<byte>();
            Assert.Equal(y.Length * 2, x.Length);
            for (int i = 0; i < y.Length; i++)
            {
                Assert.Equal(y[i], x[2 * i]);        // image and label rows stay aligned
                Assert.Equal(100 + y[i], x[2 * i + 1]);
            }
            return y.Select(v => (long)v).ToArray();
        }

        [Fact]
        public void Shuffled_batches_match_tensorflow_with_numpy_seed()
        {
            var ds = Make(10);
            long[][] expected =
            {
                new long[] { 8, 5, 0, 2 }, new long[] { 1, 9, 7, 3 }, new long[] { 6, 4, 5, 2 },
                new long[] { 0, 9, 4, 8 }, new long[] { 1, 7, 3, 6 }, new long[] { 0, 4, 2, 6 },
            };
            int[] epochsAfter = { 0, 0, 1, 1, 1, 2 };
            for (int b = 0; b < expected.Length; b++)
            {
                Assert.Equal(expected[b], Ids(ds.next_batch(4)));
                Assert.Equal(epochsAfter[b], ds.epochs_completed);
            }
        }

        [Fact]
        public void Unshuffled_boundary_returns_rest_then_start()
        {
            var ds = Make(10, seed: null);
            Assert.Equal(new long[] { 0, 1, 2, 3 }, Ids(ds.next_batch(4, shuffle: false)));
            Assert.Equal(new long[] { 4, 5, 6, 7 }, Ids(ds.next_batch(4, shuffle: false)));
            Assert.Equal(0, ds.epochs_completed);
            Assert.Equal(new long[] { 8, 9, 0, 1 }, Ids(ds.next_batch(4, shuffle: false)));
            Assert.Equal(1, ds.epochs_completed);
            Assert.Equal(new long[] { 2, 3, 4, 5 }, Ids(ds.next_batch(4, shuffle: false)));
        }

        [Fact]
        public void Batch_ending_exactly_at_the_end_defers_the_epoch_count()
        {
            var ds = Make(10, seed: null);
            ds.next_batch(5, shuffle: false);
            ds.next_batch(5, shuffle: false);
            Assert.Equal(0, ds.epochs_completed);
            Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, Ids(ds.next_batch(5, shuffle: false)));
            Assert.Equal(1, ds.epochs_completed);
        }

        [Fact]
        public void Each_epoch_visits_every_example_once()
        {
            var ds = Make(12, seed: 3);
            var seen = new List<long>();
            for (int b = 0; b < 4; b++)
                seen.AddRange(Ids(ds.next_batch(3)));
            Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), seen.OrderBy(v => v));
            Assert.NotEqual(Enumerable.Range(0, 12).Select(i => (long)i), seen);   // it was shuffled
        }

        [Fact]
        public void Same_seed_gives_same_batches_and_datasets_are_independent()
        {
            var a = Make(20, seed: 5);
            var b = Make(20, seed: 5);
            var other = Make(20, seed: 5);
            other.next_batch(7);   // consuming another DataSet's generator must not affect b
            for (int i = 0; i < 8; i++)
                Assert.Equal(Ids(a.next_batch(6)), Ids(b.next_batch(6)));
        }

        [Fact]
        public void Images_property_follows_the_current_order_without_changing_old_references()
        {
            var ds = Make(10);
            NDArray original = ds.images;
            Assert.Equal(new float[] { 0, 100, 1, 101 }, original.ToArray<float>()[..4]);
            ds.next_batch(4);
            float[] epoch1 = ds.images.ToArray<float>();
            Assert.Equal(new float[] { 8, 108, 5, 105 }, epoch1[..4]);   // first epoch order 8, 5, 0, 2, ...
            Assert.Equal(new byte[] { 8, 5, 0, 2 }, ds.labels.ToArray<byte>()[..4]);
            NDArray held = ds.images;
            ds.next_batch(4);
            ds.next_batch(4);   // crosses into epoch 2: new order 5, 2, 0, 9, ...
            Assert.Equal(new byte[] { 5, 2, 0, 9 }, ds.labels.ToArray<byte>()[..4]);
            Assert.Equal(epoch1, held.ToArray<float>());
            Assert.Equal(new float[] { 0, 100, 1, 101 }, original.ToArray<float>()[..4]);
        }

        [Fact]
        public void Batches_are_fresh_arrays()
        {
            var ds = Make(10, seed: null);
            var (x, _) = ds.next_batch(2, shuffle: false);
            x.SetSingle(-1f, 0, 0);
            Assert.Equal(0f, ds.images.GetSingle(0, 0));
        }

        [Fact]
        public void One_hot_labels_are_gathered_by_row()
        {
            var labels = new float[6 * 3];
            for (int i = 0; i < 6; i++)
                labels[i * 3 + i % 3] = 1f;
            var images = Enumerable.Range(0, 6).Select(i => (float)i).ToArray();
            var ds = new DataSet(new NDArray(images, new Shape(6, 1)), new NDArray(labels, new Shape(6, 3)), seed: 1);
            var (x, y) = ds.next_batch(6);
            Assert.Equal(new long[] { 6, 3 }, y.shape);
            float[] xs = x.ToArray<float>(), ys = y.ToArray<float>();
            for (int r = 0; r < 6; r++)
                Assert.Equal(1f, ys[r * 3 + (int)xs[r] % 3]);
        }

        [Fact]
        public void Shapes_and_counts()
        {
            var ds = Make(10);
            var (x, y) = ds.next_batch(3);
            Assert.Equal(new long[] { 3, 2 }, x.shape);
            Assert.Equal(new long[] { 3 }, y.shape);
            Assert.Equal(10, ds.num_examples);
            var (x0, y0) = ds.next_batch(0);
            Assert.Equal(new long[] { 0, 2 }, x0.shape);
            Assert.Equal(new long[] { 0 }, y0.shape);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(11)]
        public void Batch_size_outside_range_is_rejected(int batch)
            => Assert.Throws<ArgumentOutOfRangeException>(() => Make(10).next_batch(batch));

        [Fact]
        public void Mismatched_lengths_are_rejected()
        {
            var e = Assert.Throws<ArgumentException>(() => new DataSet(
                new NDArray(new float[6], new Shape(3, 2)), new NDArray(new byte[4], new Shape(4))));
            Assert.Contains("images.shape: (3, 2) labels.shape: (4)", e.Message);
        }
    }
}
