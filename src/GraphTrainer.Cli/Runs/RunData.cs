using GraphTrainer.Cli.Data;
using GraphTrainer.Cli.Model;

namespace GraphTrainer.Cli.Runs;

/// <summary>The dataset a trained run is evaluated on (eval, predict): its own, or <c>--data</c>, checked against the model.</summary>
public static class RunData
{
    /// <summary>Loads <paramref name="dataDir"/> (null: the run's data directory) for <paramref name="config"/>'s model.</summary>
    /// <exception cref="CliException">The data is missing or its image size or classes do not fit the model.</exception>
    public static ImageData Load(RunConfig config, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = ImageDataLoader.Load(dataDir ?? config.DataDir, log: null, classes: config.Classes);
        if (data.Inputs != config.Inputs)
        {
            var (height, width) = config.ImageSize;
            throw new CliException($"the data in {data.Directory} has {data.Height}x{data.Width} images, but the model was trained on {height}x{width}");
        }
        return data with { ClassNames = config.ClassNames };
    }
}
