using GraphTrainer.Tests.Data;

namespace GraphTrainer.Tests.Cli;

/// <summary>
/// A small learnable idx dataset in a temporary directory: image i of class c has bright pixels where
/// <c>p % classes == c</c>, so a few epochs separate the classes. Any size, class count, and compressed or not.
/// </summary>
internal sealed class SyntheticIdxSet : IDisposable
{
    public SyntheticIdxSet(int train = 240, int test = 60, int rows = 14, int cols = 14, int classes = 3, bool gzip = false, string[] classNames = null)
    {
        Dir = Directory.CreateTempSubdirectory("gt-cli-idx-").FullName;
        Write("train-images-idx3-ubyte", Images(train, rows, cols, classes, 1), gzip);
        Write("train-labels-idx1-ubyte", SyntheticMnist.LabelsIdx(train, label: i => Label(i, classes)), gzip);
        Write("t10k-images-idx3-ubyte", Images(test, rows, cols, classes, 2), gzip);
        Write("t10k-labels-idx1-ubyte", SyntheticMnist.LabelsIdx(test, label: i => Label(i, classes)), gzip);
        if (classNames != null)
            File.WriteAllLines(Path.Combine(Dir, "class-names.txt"), classNames);
    }

    /// <summary>The data directory.</summary>
    public string Dir { get; }

    /// <summary>A run directory path inside the temporary directory (not created).</summary>
    public string RunPath(string name) => Path.Combine(Dir, "runs", name);

    public static byte Label(int i, int classes) => (byte)(i * 7 % classes);

    private static byte[] Images(int count, int rows, int cols, int classes, int seed)
    {
        var bytes = SyntheticMnist.ImagesIdx(count, rows: rows, cols: cols);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            for (int p = 0; p < rows * cols; p++)
                bytes[16 + i * rows * cols + p] = (byte)((p % classes == Label(i, classes) ? 180 : 20) + random.Next(60));
        return bytes;
    }

    private void Write(string name, byte[] raw, bool gzip)
    {
        if (gzip)
            SyntheticMnist.WriteGz(Path.Combine(Dir, name + ".gz"), raw);
        else
            File.WriteAllBytes(Path.Combine(Dir, name), raw);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A lock file still held by a failing test's process must not mask the failure.
        }
    }
}
