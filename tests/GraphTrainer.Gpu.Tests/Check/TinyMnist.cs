using System.Buffers.Binary;
using System.IO.Compression;
using GraphTrainer.Data;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>
/// A cut-down copy of MNIST for the emulated dry run: the first rows of each canonical file, written as valid idx files
/// under a temporary <c>$GRAPHTRAINER_DATA</c>, so a tutorial that evaluates "the whole test set" evaluates a few
/// images. (The emulated GPU runs kernels at about a microsecond per element: deep-mnist on 10,000 test images would
/// take many minutes there.)
/// </summary>
public sealed class TinyMnist : IDisposable
{
    private readonly string _previousRoot;

    /// <summary>The temporary data root (holding <c>MNIST_data/</c>).</summary>
    public string Root { get; }

    /// <summary>
    /// Writes <paramref name="trainRows"/> training and <paramref name="testRows"/> test images and labels, copied from the
    /// MNIST directory tutorials find, and points <c>GRAPHTRAINER_DATA</c> at them until disposed. read_data_sets keeps
    /// the first 5,000 training rows for validation, so <paramref name="trainRows"/> must exceed 5,000.
    /// </summary>
    public TinyMnist(int trainRows, int testRows)
    {
        string source = DataDirectories.Candidates("MNIST_data").FirstOrDefault(d => File.Exists(Path.Combine(d, "train-images-idx3-ubyte.gz")))
            ?? throw new InvalidOperationException("MNIST not found: put the four files in data/MNIST_data or $GRAPHTRAINER_DATA/MNIST_data");
        Root = Path.Combine(Path.GetTempPath(), $"graphtrainer-tiny-mnist-{Environment.ProcessId}");
        string target = Path.Combine(Root, "MNIST_data");
        Directory.CreateDirectory(target);
        foreach (var (file, rows) in new[] { ("train-images-idx3-ubyte.gz", trainRows), ("train-labels-idx1-ubyte.gz", trainRows),
                     ("t10k-images-idx3-ubyte.gz", testRows), ("t10k-labels-idx1-ubyte.gz", testRows) })
            Truncate(Path.Combine(source, file), Path.Combine(target, file), rows);
        _previousRoot = Environment.GetEnvironmentVariable(DataDirectories.DataRootVariable);
        Environment.SetEnvironmentVariable(DataDirectories.DataRootVariable, Root);
    }

    /// <summary>Copies the idx header with its first dimension set to <paramref name="rows"/>, and that many rows.</summary>
    internal static void Truncate(string sourceGz, string targetGz, int rows)
    {
        byte[] data;
        using (var input = new GZipStream(File.OpenRead(sourceGz), CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            input.CopyTo(buffer);
            data = buffer.ToArray();
        }
        int dims = data[3];
        int count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        if (rows > count) throw new ArgumentOutOfRangeException(nameof(rows), $"{sourceGz} has {count} rows, fewer than {rows}");
        long rowBytes = 1;
        for (int d = 1; d < dims; d++) rowBytes *= BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + 4 * d));
        int header = 4 + 4 * dims;
        var output = data.AsSpan(0, header + (int)(rows * rowBytes)).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(4), rows);
        using var gz = new GZipStream(File.Create(targetGz), CompressionLevel.Fastest);
        gz.Write(output);
    }

    /// <summary>Restores <c>GRAPHTRAINER_DATA</c> and deletes the copy.</summary>
    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataDirectories.DataRootVariable, _previousRoot);
        Directory.Delete(Root, recursive: true);
    }
}
