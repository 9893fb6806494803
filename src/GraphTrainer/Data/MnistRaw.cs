namespace GraphTrainer.Data
{
    /// <summary>
    /// The four MNIST files decoded and cross-checked (image and label counts agree, train and test
    /// images have the same size, labels are digits). Shared by <c>read_data_sets</c> and <c>fetch_mldata</c>.
    /// </summary>
    internal sealed class MnistRaw
    {
        public IdxImages TrainImages { get; private init; }
        public byte[] TrainLabels { get; private init; }
        public IdxImages TestImages { get; private init; }
        public byte[] TestLabels { get; private init; }

        /// <summary>The number of classes MNIST labels range over.</summary>
        public const int NumClasses = 10;

        /// <summary>Reads and validates the four files in <paramref name="directory"/>.</summary>
        public static MnistRaw Load(string directory)
        {
            var raw = new MnistRaw
            {
                TrainImages = IdxReader.ReadImages(Extracting(directory, MnistFiles.TrainImages)),
                TrainLabels = ReadDigits(Extracting(directory, MnistFiles.TrainLabels)),
                TestImages = IdxReader.ReadImages(Extracting(directory, MnistFiles.TestImages)),
                TestLabels = ReadDigits(Extracting(directory, MnistFiles.TestLabels)),
            };
            CheckPair(raw.TrainImages, raw.TrainLabels, Path.Combine(directory, MnistFiles.TrainLabels));
            CheckPair(raw.TestImages, raw.TestLabels, Path.Combine(directory, MnistFiles.TestLabels));
            if (raw.TrainImages.Rows != raw.TestImages.Rows || raw.TrainImages.Columns != raw.TestImages.Columns)
                throw new InvalidDataException(
                    $"Image sizes differ: '{raw.TrainImages.Path}' has {raw.TrainImages.Rows}x{raw.TrainImages.Columns} images, " +
                    $"'{raw.TestImages.Path}' has {raw.TestImages.Rows}x{raw.TestImages.Columns}.");
            return raw;
        }

        // TensorFlow prints this line for each file; tutorial output shows it, so we keep it.
        private static string Extracting(string directory, string name)
        {
            string path = Path.Combine(directory, name);
            Console.WriteLine($"Extracting {path}");
            return path;
        }

        private static byte[] ReadDigits(string path)
        {
            byte[] labels = IdxReader.ReadLabels(path);
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= NumClasses)
                    throw new InvalidDataException(
                        $"Invalid MNIST idx file '{path}': label {labels[i]} at index {i} is not a digit 0..9");
            }
            return labels;
        }

        private static void CheckPair(IdxImages images, byte[] labels, string labelsPath)
        {
            if (images.Count != labels.Length)
                throw new InvalidDataException(
                    $"Image and label counts differ: '{images.Path}' has {images.Count} images but '{labelsPath}' has {labels.Length} labels.");
        }
    }
}
