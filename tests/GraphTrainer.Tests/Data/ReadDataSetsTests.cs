using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Tests.Data
{
    /// <summary>read_data_sets on small synthetic idx files: splits, scaling, label encodings, errors.</summary>
    public class ReadDataSetsTests : IDisposable
    {
        private const int Train = 30, Test = 8, Validation = 5;
        private readonly TempDir _dir = new TempDir();

        public ReadDataSetsTests() => SyntheticMnist.WriteAll(_dir.Path, Train, Test);

        public void Dispose() => _dir.Dispose();

        private Datasets Read(bool one_hot = false, bool reshape = true, int? seed = null)
            => input_data.read_data_sets(_dir.Path, one_hot: one_hot, reshape: reshape, validation_size: Validation, seed: seed);

        [Fact]
        public void Splits_have_the_expected_sizes()
        {
            var mnist = Read();
            Assert.Equal((Train - Validation, Validation, Test),
                (mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples));
            Assert.Equal(new long[] { Train - Validation, 784 }, mnist.train.images.shape);
            Assert.Equal(new long[] { Test, 784 }, mnist.test.images.shape);
            Assert.Equal(NPTypeCode.Single, mnist.train.images.typecode);
            Assert.Equal(0, mnist.train.epochs_completed);
        }

        [Fact]
        public void Validation_is_the_first_training_examples_and_train_the_rest()
        {
            var (train, validation, _) = Read();
            byte[] v = validation.labels.ToArray<byte>();
            byte[] t = train.labels.ToArray<byte>();
            Assert.Equal(Enumerable.Range(0, Validation).Select(SyntheticMnist.Label), v);
            Assert.Equal(Enumerable.Range(Validation, Train - Validation).Select(SyntheticMnist.Label), t);
            // Pixel 0 of file image i is i, so row 0 of train is file image 5.
            Assert.Equal(SyntheticMnist.Scaled(Validation), train.images.GetSingle(0, 0));
            Assert.Equal(SyntheticMnist.Scaled(0), validation.images.GetSingle(0, 0));
        }

        [Fact]
        public void Pixels_are_scaled_as_numpy_multiplies_by_one_over_255()
        {
            var mnist = Read();
            float[] x = mnist.test.images.ToArray<float>();
            for (int i = 0; i < Test; i++)
                for (int p = 0; p < 784; p++)
                    Assert.Equal(SyntheticMnist.Scaled(SyntheticMnist.Pixel(i, p)), x[i * 784 + p]);
            Assert.Equal(1.0f, x.Max());
            Assert.Equal(0.0f, x.Min());
            // The product, not the quotient: they differ for byte 3 in float32.
            Assert.NotEqual(3f / 255f, 3f * (float)(1.0 / 255.0));
            Assert.Equal(3f * (float)(1.0 / 255.0), x[3 * 784]);
        }

        [Fact]
        public void Dense_labels_are_uint8_vectors()
        {
            var mnist = Read();
            Assert.Equal(NPTypeCode.Byte, mnist.test.labels.typecode);
            Assert.Equal(new long[] { Test }, mnist.test.labels.shape);
            Assert.Equal(Enumerable.Range(0, Test).Select(SyntheticMnist.Label), mnist.test.labels.ToArray<byte>());
        }

        [Fact]
        public void One_hot_labels_are_float32_rows_with_a_single_one()
        {
            var mnist = Read(one_hot: true);
            NDArray y = mnist.train.labels;
            Assert.Equal(NPTypeCode.Single, y.typecode);
            Assert.Equal(new long[] { Train - Validation, 10 }, y.shape);
            float[] v = y.ToArray<float>();
            for (int r = 0; r < Train - Validation; r++)
            {
                var row = v.AsSpan(r * 10, 10).ToArray();
                Assert.Equal(1f, row.Sum());
                Assert.Equal(SyntheticMnist.Label(Validation + r), Array.IndexOf(row, 1f));
            }
        }

        [Fact]
        public void Reshape_false_keeps_image_axes()
        {
            var mnist = Read(reshape: false);
            Assert.Equal(new long[] { Test, 28, 28, 1 }, mnist.test.images.shape);
            Assert.Equal(SyntheticMnist.Scaled(SyntheticMnist.Pixel(2, 28 + 5)), mnist.test.images.GetSingle(2, 1, 5, 0));
        }

        [Fact]
        public void Seeded_first_batch_is_numpys_permutation()
        {
            // numpy: RandomState(7).permutation(25)[:5] == [1, 5, 11, 13, 2]
            var train = Read(seed: 7).train;
            var (x, y) = train.next_batch(5);
            long[] expected = { 1, 5, 11, 13, 2 };
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(SyntheticMnist.Label(Validation + (int)expected[i]), y.GetByte(i));
                Assert.Equal(SyntheticMnist.Scaled((byte)(Validation + expected[i])), x.GetSingle(i, 0));
            }
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(Train + 1)]
        public void Validation_size_out_of_range_is_rejected(int size)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(
                () => input_data.read_data_sets(_dir.Path, validation_size: size));
            Assert.Contains($"Validation size should be between 0 and {Train}. Received: {size}.", e.Message);
        }

        [Fact]
        public void Validation_size_zero_and_all_are_allowed()
        {
            Assert.Equal(0, input_data.read_data_sets(_dir.Path, validation_size: 0).validation.num_examples);
            Assert.Equal(0, input_data.read_data_sets(_dir.Path, validation_size: Train).train.num_examples);
        }

        [Fact]
        public void Image_and_label_count_mismatch_names_both_files()
        {
            SyntheticMnist.WriteGz(_dir.File("t10k-labels-idx1-ubyte.gz"), SyntheticMnist.LabelsIdx(Test - 1));
            var e = Assert.Throws<InvalidDataException>(() => Read());
            Assert.Contains("t10k-images-idx3-ubyte.gz' has 8 images", e.Message);
            Assert.Contains("t10k-labels-idx1-ubyte.gz' has 7 labels", e.Message);
        }

        [Fact]
        public void Label_outside_0_to_9_names_the_file()
        {
            SyntheticMnist.WriteGz(_dir.File("train-labels-idx1-ubyte.gz"), SyntheticMnist.LabelsIdx(Train, label: i => (byte)(i == 4 ? 12 : 1)));
            var e = Assert.Throws<InvalidDataException>(() => Read());
            Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
            Assert.Contains("label 12 at index 4 is not a digit 0..9", e.Message);
        }

        [Fact]
        public void Corrupt_file_in_the_found_directory_is_reported_not_skipped()
        {
            File.WriteAllText(_dir.File("train-images-idx3-ubyte.gz"), "<html>not found</html>");
            var e = Assert.Throws<InvalidDataException>(() => Read());
            Assert.Contains(_dir.File("train-images-idx3-ubyte.gz"), e.Message);
            Assert.Contains("not a gzip file", e.Message);
        }
    }
}
