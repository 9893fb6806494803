using NumSharp;

namespace GraphTrainer.Data
{
    // CS8981: lower-case names mirror the Python module (using static GraphTrainer.Data.datasets).
    // NDW016: Bunch hands its arrays to the caller, who owns them from then on.
#pragma warning disable CS8981, NDW016
    /// <summary>
    /// An honest stand-in for <c>sklearn.datasets</c> (it is not scikit-learn): <c>using static
    /// GraphTrainer.Data.datasets;</c> lets <c>data = fetch_mldata('MNIST original')</c> port as
    /// <c>var data = fetch_mldata("MNIST original");</c>. mldata.org is gone, so the data comes from the
    /// canonical MNIST idx files, arranged as mldata.org's "MNIST original" was.
    /// </summary>
    public static class datasets
    {
        /// <summary>scikit-learn's <c>Bunch</c> as <c>fetch_mldata</c> returned it.</summary>
        public sealed class Bunch
        {
            internal Bunch(NDArray data, NDArray target, string descr)
            {
                this.data = data;
                this.target = target;
                DESCR = descr;
            }

            /// <summary>float32 [70000, 784], raw pixel values 0..255.</summary>
            public NDArray data { get; }

            /// <summary>float64 [70000], the digit of each row of <see cref="data"/>.</summary>
            public NDArray target { get; }

            /// <summary>Description of the data set.</summary>
            public string DESCR { get; }
        }

        /// <summary>
        /// <c>fetch_mldata("MNIST original")</c>: the 60,000 training images followed by the 10,000 test
        /// images. Like mldata.org's copy, each of those two parts is ordered by label (stably, so ties keep
        /// the idx files' order): rows 0..5922 are the training 0s, row 60000 is the first test 0. Tutorials
        /// that shuffle or split randomly do not depend on this, but indexing examples such as
        /// <c>X[36000]</c> (a 5) do.
        /// <para>Files are found as <see cref="input_data.read_data_sets"/> finds them: with
        /// <paramref name="data_home"/> null, the directory <c>MNIST_data</c> is resolved (current directory,
        /// <c>$GRAPHTRAINER_DATA/MNIST_data</c>, <c>data/MNIST_data</c> in the repository); a given
        /// <paramref name="data_home"/> is the directory holding the four idx files, resolved the same way.</para>
        /// </summary>
        /// <param name="dataname">Must name "MNIST original" (mldata's normalisation: case and spaces vs dashes ignored).</param>
        /// <param name="data_home">Directory holding the four MNIST idx files; null for the default resolution.</param>
        /// <exception cref="ArgumentException">Another data set is asked for.</exception>
        /// <exception cref="MnistDataNotFoundException">The files are absent and could not be downloaded.</exception>
        public static Bunch fetch_mldata(string dataname, string data_home = null)
        {
            ArgumentNullException.ThrowIfNull(dataname);
            if (dataname.Trim().ToLowerInvariant().Replace(' ', '-') != "mnist-original")
                throw new ArgumentException(
                    $"fetch_mldata here serves only 'MNIST original' (mldata.org no longer exists); got '{dataname}'.",
                    nameof(dataname));

            var raw = MnistRaw.Load(MnistFiles.Locate(data_home ?? "MNIST_data"));
            int nTrain = raw.TrainImages.Count, nTest = raw.TestImages.Count, n = nTrain + nTest;
            int pixels = raw.TrainImages.Rows * raw.TrainImages.Columns;
            var data = new float[(long)n * pixels];
            var target = new double[n];
            int row = 0;
            foreach (var (images, labels) in new[] { (raw.TrainImages, raw.TrainLabels), (raw.TestImages, raw.TestLabels) })
            {
                foreach (int source in StableOrderByLabel(labels))
                {
                    ReadOnlySpan<byte> src = images.Pixels.AsSpan(source * pixels, pixels);
                    Span<float> dst = data.AsSpan(row * pixels, pixels);
                    for (int p = 0; p < pixels; p++)
                        dst[p] = src[p];
                    target[row++] = labels[source];
                }
            }
            return new Bunch(new NDArray(data, new Shape(n, pixels)), new NDArray(target, new Shape(n)),
                "mldata.org dataset: mnist-original (rebuilt from the MNIST idx files)");
        }

        // Counting sort: indices grouped by label 0..9, original order kept inside each group.
        private static int[] StableOrderByLabel(byte[] labels)
        {
            var start = new int[MnistRaw.NumClasses + 1];
            foreach (byte l in labels)
                start[l + 1]++;
            for (int c = 1; c <= MnistRaw.NumClasses; c++)
                start[c] += start[c - 1];
            var order = new int[labels.Length];
            for (int i = 0; i < labels.Length; i++)
                order[start[labels[i]]++] = i;
            return order;
        }
    }
}
