using NumSharp;

namespace GraphTrainer.Cli.Data;

/// <summary>One split: float32 images [N, height*width] in [0, 1] and one-hot float32 labels [N, classes].</summary>
/// <param name="Images">The images, row by row.</param>
/// <param name="Labels">The one-hot labels.</param>
public sealed record Split(NDArray Images, NDArray Labels)
{
    /// <summary>Number of examples.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>The array behind <see cref="Images"/> when the loader kept it (saves the batch pipeline a 172 MB copy on MNIST).</summary>
    internal float[] PixelArray { get; init; }

    /// <summary>The array behind <see cref="Labels"/> when the loader kept it.</summary>
    internal float[] LabelArray { get; init; }
}

/// <summary>An image classification dataset as the CLI trains on it, with its shape read from the files.</summary>
public sealed record ImageData
{
    /// <summary>The directory the files were read from.</summary>
    public string Directory { get; init; }
    /// <summary>Training split (the training file minus the leading validation examples).</summary>
    public Split Train { get; init; }
    /// <summary>Validation split (the leading examples of the training file, as TensorFlow's read_data_sets takes them).</summary>
    public Split Validation { get; init; }
    /// <summary>Test split.</summary>
    public Split Test { get; init; }
    /// <summary>Image rows.</summary>
    public int Height { get; init; }
    /// <summary>Image columns.</summary>
    public int Width { get; init; }
    /// <summary>Number of classes: the class names given, else the largest label plus one.</summary>
    public int Classes { get; init; }
    /// <summary>Class names, or null for the class numbers.</summary>
    public string[] ClassNames { get; init; }
    /// <summary>Pixels per image.</summary>
    public int Inputs => Height * Width;
}
