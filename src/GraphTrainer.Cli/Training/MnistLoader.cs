using GraphTrainer.Data;

namespace GraphTrainer.Cli.Training;

/// <summary>Loads MNIST for the CLI: an explicit <c>--data</c> directory must exist and hold the files.</summary>
public static class MnistLoader
{
    /// <summary>The directory searched when <c>--data</c> is not given (see <see cref="DataDirectories"/>).</summary>
    public const string DefaultDir = "data/MNIST_data";

    /// <summary>Reads the splits with one-hot labels.</summary>
    /// <param name="dataDir">The <c>--data</c> value, or null to search for <see cref="DefaultDir"/>
    /// (current directory, <c>$GRAPHTRAINER_DATA</c>, the repository's <c>data/</c>).</param>
    /// <param name="seed">Seed of the shuffling order.</param>
    /// <param name="log">Receives read_data_sets' "Extracting ..." lines; null discards them.</param>
    /// <exception cref="CliException">An explicit directory is missing or lacks files.</exception>
    /// <exception cref="MnistDataNotFoundException">The default directory was not found anywhere.</exception>
    public static Datasets Load(string dataDir, int seed, TextWriter log = null)
    {
        // read_data_sets prints TensorFlow's "Extracting ..." lines on Console.Out. They must not reach stdout in
        // --json mode (the JSON document is all a script reads) and belong on the injected writer otherwise.
        var console = Console.Out;
        Console.SetOut(log ?? TextWriter.Null);
        try
        {
            return Read(dataDir, seed);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static Datasets Read(string dataDir, int seed)
    {
        if (dataDir == null)
            return input_data.read_data_sets(DefaultDir, one_hot: true, seed: seed);

        string full = Path.GetFullPath(dataDir);
        if (!Directory.Exists(full))
            throw new CliException($"data directory not found: {full}");
        // An explicit directory is taken literally: no search elsewhere and no download attempt, so a typo
        // is reported at once instead of silently reading other files or waiting on the network.
        var missing = MnistFiles.All.Where(f => !File.Exists(Path.Combine(full, f))).ToList();
        if (missing.Count > 0)
            throw new CliException($"data directory {full} lacks {string.Join(", ", missing)} (copy the four MNIST .gz files there)");
        return input_data.read_data_sets(full, one_hot: true, seed: seed);
    }
}
