using NumSharp;

namespace GraphTrainer.Data
{
    /// <summary>
    /// TensorFlow's <c>tensorflow.examples.tutorials.mnist.input_data</c> module, so that
    /// <c>mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)</c> ports as
    /// <c>var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);</c>.
    /// </summary>
    public static class input_data
    {
        // numpy computes images.astype(float32) * (1.0 / 255.0) in float32 with the scalar rounded to
        // float32 first; x * (1/255f) differs from x / 255f for many bytes, so use the product.
        private static readonly float[] Scaled = BuildScaleTable();

        /// <summary>
        /// Reads MNIST with the semantics of TensorFlow's <c>mnist.read_data_sets</c>.
        /// <para>Finding the files: <paramref name="train_dir"/> as given (relative to the current directory);
        /// then <c>$GRAPHTRAINER_DATA/&lt;dir name&gt;</c>; then <c>data/&lt;dir name&gt;</c> under the nearest
        /// ancestor of the current directory, and then of <see cref="AppContext.BaseDirectory"/>, that contains
        /// <c>GraphTrainer.sln</c> (see <see cref="DataDirectories"/>). The first directory holding all four
        /// files wins. If none does, the missing files are downloaded from <paramref name="source_url"/> into
        /// <paramref name="train_dir"/>; when that fails a <see cref="MnistDataNotFoundException"/> names the
        /// missing files, every directory searched, and says to copy the four files into <c>data/MNIST_data/</c>.</para>
        /// <para>Result: <c>validation</c> is the FIRST <paramref name="validation_size"/> examples of the
        /// training file, <c>train</c> the rest (55,000 by default), <c>test</c> the 10,000 test examples.
        /// Images are float32 in [0, 1] (byte * float32(1/255), as numpy computes it), shaped [N, 784], or
        /// [N, 28, 28, 1] when <paramref name="reshape"/> is false. Labels are float32 one-hot [N, 10] when
        /// <paramref name="one_hot"/> (TensorFlow gives float64; float32 is what placeholders take), else
        /// uint8 [N] class indices, as in TensorFlow.</para>
        /// </summary>
        /// <param name="train_dir">Directory the tutorial names, e.g. <c>"MNIST_data/"</c>.</param>
        /// <param name="one_hot">Return labels as one-hot float32 rows.</param>
        /// <param name="reshape">Flatten images to [N, rows*cols]; false keeps [N, rows, cols, 1].</param>
        /// <param name="validation_size">How many leading training examples form the validation split.</param>
        /// <param name="seed">Seed of each split's shuffling generator (see <see cref="DataSet"/>); null = random.</param>
        /// <param name="source_url">Base URL to download missing files from.</param>
        /// <exception cref="MnistDataNotFoundException">The files are absent and could not be downloaded.</exception>
        /// <exception cref="InvalidDataException">A file is corrupt, truncated or not MNIST (message names it).</exception>
        /// <exception cref="ArgumentOutOfRangeException">validation_size is outside 0..60000.</exception>
        /// <param name="fake_data">TensorFlow's unit-test mode: read nothing and return three fake DataSets whose
        /// <c>next_batch(n, fake_data: true)</c> gives all-ones images and zero labels.</param>
        public static Datasets read_data_sets(string train_dir, bool one_hot = false, bool reshape = true,
            int validation_size = 5000, int? seed = null, string source_url = MnistFiles.DefaultSourceUrl, bool fake_data = false)
        {
            // TensorFlow: fake_data reads nothing and gives three fake DataSets (batches from next_batch(n, fake_data: true)).
            if (fake_data) return new Datasets(DataSet.Fake(one_hot, seed), DataSet.Fake(one_hot, seed), DataSet.Fake(one_hot, seed));
            string dir = MnistFiles.Locate(train_dir, source_url);
            var raw = MnistRaw.Load(dir);
            int nTrain = raw.TrainImages.Count;
            if (validation_size < 0 || validation_size > nTrain)
                throw new ArgumentOutOfRangeException(nameof(validation_size), validation_size,
                    $"Validation size should be between 0 and {nTrain}. Received: {validation_size}.");

            DataSet Make(IdxImages images, byte[] labels, int start, int count) => new DataSet(
                ToImages(images, start, count, reshape), ToLabels(labels, start, count, one_hot), seed);

            var train = Make(raw.TrainImages, raw.TrainLabels, validation_size, nTrain - validation_size);
            var validation = Make(raw.TrainImages, raw.TrainLabels, 0, validation_size);
            var test = Make(raw.TestImages, raw.TestLabels, 0, raw.TestImages.Count);
            return new Datasets(train, validation, test);
        }

        private static float[] BuildScaleTable()
        {
            const float scale = (float)(1.0 / 255.0);
            var table = new float[256];
            for (int i = 0; i < table.Length; i++)
                table[i] = i * scale;
            return table;
        }

        internal static NDArray ToImages(IdxImages source, int start, int count, bool reshape)
        {
            int pixels = source.Rows * source.Columns;
            var data = new float[(long)count * pixels];
            ReadOnlySpan<byte> src = source.Pixels.AsSpan((int)((long)start * pixels), data.Length);
            for (int i = 0; i < data.Length; i++)
                data[i] = Scaled[src[i]];
            return reshape
                ? new NDArray(data, new Shape(count, pixels))
                : new NDArray(data, new Shape(count, source.Rows, source.Columns, 1));
        }

        internal static NDArray ToLabels(byte[] source, int start, int count, bool oneHot)
        {
            if (!oneHot)
                return new NDArray(source.AsSpan(start, count).ToArray(), new Shape(count));
            var data = new float[(long)count * MnistRaw.NumClasses];
            for (int i = 0; i < count; i++)
                data[i * MnistRaw.NumClasses + source[start + i]] = 1f;
            return new NDArray(data, new Shape(count, MnistRaw.NumClasses));
        }
    }
}
