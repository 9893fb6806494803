using System.Text.Json;
using GraphTrainer.Cli.Training;

namespace GraphTrainer.Cli.Output;

/// <summary><c>--json</c> output: one indented JSON object per command, camelCase keys, nothing else on stdout.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Serializes <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, object value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, Options));
        output.Flush();
    }

    /// <summary>The JSON shape of a <c>train</c> result.</summary>
    public static object Describe(TrainResult r) => new
    {
        command = "train",
        outputDir = r.OutputDir,
        config = r.Config,
        resumedFrom = r.ResumedFrom,
        firstEpoch = r.FirstEpoch,
        epochsCompleted = r.LastEpoch,
        globalStep = r.GlobalStep,
        trainAccuracy = r.Train.Accuracy,
        validationAccuracy = r.Validation.Accuracy,
        testAccuracy = r.Test.Accuracy,
        testLoss = r.Test.Loss,
        wallSeconds = r.WallSeconds,
        trainSeconds = r.TrainSeconds,
        examplesPerSecond = r.ExamplesPerSecond,
        checkpoint = r.Checkpoint,
        tensorBoardLogDir = r.LogDir,
        plots = r.Plots,
        epochs = r.Epochs,
    };
}
