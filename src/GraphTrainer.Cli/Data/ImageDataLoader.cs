using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Cli.Data;

/// <summary>
/// Reads an idx image classification dataset for the CLI: MNIST by default, or any directory holding the four files
/// under MNIST's names (compressed or not) with any image size and any number of classes (up to 256).
/// </summary>
public static class ImageDataLoader
{
    /// <summary>The directory searched when <c>--data</c> is not given (see <see cref="DataDirectories"/>).</summary>
    public const string DefaultDir = "data/MNIST_data";

    /// <summary>The file beside the data whose lines name the classes, when <c>--class-names</c> is not given.</summary>
    public const string ClassNamesFile = "class-names.txt";

    /// <summary>Most validation examples taken from the training file (TensorFlow's read_data_sets default).</summary>
    public const int MaxValidation = 5000;

    /// <summary>Loads the dataset.</summary>
    /// <param name="dataDir">The <c>--data</c> value, or null to search for <see cref="DefaultDir"/>
    /// (current directory, <c>$GRAPHTRAINER_DATA</c>, the repository's <c>data/</c>; downloaded when online).</param>
    /// <param name="classNames">The <c>--class-names</c> value (a comma-separated list or a file), or null.</param>
    /// <param name="log">Receives download messages; null discards them.</param>
    /// <param name="classes">The class count a trained model expects (eval, predict), or null to read it from the
    /// class names or the labels.</param>
    /// <exception cref="CliException">The directory or a file is missing, or the files do not form a dataset.</exception>
    public static ImageData Load(string dataDir, string classNames = null, TextWriter log = null, int? classes = null)
    {
        string dir = dataDir == null ? LocateDefault(log) : CheckExplicit(dataDir);
        var trainImages = IdxFiles.ReadImages(IdxFiles.Find(dir, MnistFiles.TrainImages));
        var trainLabels = IdxFiles.ReadLabels(IdxFiles.Find(dir, MnistFiles.TrainLabels));
        var testImages = IdxFiles.ReadImages(IdxFiles.Find(dir, MnistFiles.TestImages));
        var testLabels = IdxFiles.ReadLabels(IdxFiles.Find(dir, MnistFiles.TestLabels));
        CheckPair(trainImages, trainLabels);
        CheckPair(testImages, testLabels);
        if (trainImages.Rows != testImages.Rows || trainImages.Columns != testImages.Columns)
            throw new CliException($"image sizes differ: the training images are {trainImages.Rows}x{trainImages.Columns}, the test images {testImages.Rows}x{testImages.Columns}");

        var names = classes == null ? ClassNames.Read(classNames, dir) : null;
        int maxLabel = trainLabels.Concat(testLabels).DefaultIfEmpty().Max();
        int count = classes ?? names?.Length ?? maxLabel + 1;
        if (maxLabel >= count)
            throw new CliException(names != null
                ? $"label {maxLabel} in {dir} has no class name: {names.Length} names were given"
                : $"label {maxLabel} in {dir} is outside the model's {count} classes");
        if (count < 2)
            throw new CliException($"the labels in {dir} name only {count} class; a classifier needs at least 2");

        int total = trainImages.Count;
        // 1/12 of the training file keeps MNIST's 5,000 of 60,000 and still leaves most of a small set for training.
        int validation = Math.Min(MaxValidation, total / 12);
        if (total - validation < 1 || testImages.Count < 1)
            throw new CliException($"{dir} has {total} training and {testImages.Count} test images; at least 2 training and 1 test image are needed");
        return new ImageData
        {
            Directory = dir,
            Train = ToSplit(trainImages, trainLabels, validation, total - validation, count),
            Validation = ToSplit(trainImages, trainLabels, 0, validation, count),
            Test = ToSplit(testImages, testLabels, 0, testImages.Count, count),
            Height = trainImages.Rows,
            Width = trainImages.Columns,
            Classes = count,
            ClassNames = names,
        };
    }

    private static string LocateDefault(TextWriter log)
    {
        // The downloader reports on Console.Out; that must not reach stdout in --json mode.
        var console = Console.Out;
        Console.SetOut(log ?? TextWriter.Null);
        try
        {
            return MnistFiles.Locate(DefaultDir);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static string CheckExplicit(string dataDir)
    {
        string full = Path.GetFullPath(dataDir);
        if (!System.IO.Directory.Exists(full))
            throw new CliException($"data directory not found: {full}");
        // An explicit directory is taken literally: no search elsewhere and no download attempt, so a typo is
        // reported at once instead of silently reading other files or waiting on the network.
        var missing = MnistFiles.All.Where(f => IdxFiles.Find(full, f) == null).ToList();
        if (missing.Count > 0)
            throw new CliException($"data directory {full} lacks {string.Join(", ", missing)} (idx files, gzip-compressed or not)");
        return full;
    }

    private static void CheckPair(IdxImages images, byte[] labels)
    {
        if (images.Count != labels.Length)
            throw new CliException($"{images.Path} has {images.Count} images but its label file has {labels.Length} labels");
    }

    private static Split ToSplit(IdxImages source, byte[] labels, int start, int count, int classes)
    {
        const float scale = (float)(1.0 / 255.0); // numpy's uint8 * float32(1/255), as read_data_sets scales
        int pixels = source.Rows * source.Columns;
        var data = new float[(long)count * pixels];
        ReadOnlySpan<byte> src = source.Pixels.AsSpan((int)((long)start * pixels), data.Length);
        for (int i = 0; i < data.Length; i++)
            data[i] = src[i] * scale;
        var oneHot = new float[(long)count * classes];
        for (int i = 0; i < count; i++)
            oneHot[(long)i * classes + labels[start + i]] = 1f;
        return new Split(new NDArray(data, new Shape(count, pixels)), new NDArray(oneHot, new Shape(count, classes)))
        {
            PixelArray = data,
            LabelArray = oneHot,
        };
    }
}
