using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GraphTrainer.Notebooks;
using GraphTrainer.Tutorials;

namespace GraphTrainer.Gpu.Tests.Check;

/// <summary>
/// Runs a tutorial's own code (notebooks/NAME.cs, compiled into GraphTrainer.Tutorials) with GPU:0 registered, so its
/// <c>tf.Session()</c> places every op that has a GPU kernel there, as TensorFlow does. Its console output is captured
/// and its default graph kept, so the check can read the accuracy it printed and time epochs of the very same graph.
/// </summary>
/// <param name="Output">Everything the tutorial wrote to the console.</param>
/// <param name="Graph">The default graph the tutorial built (the graph its training session ran).</param>
/// <param name="Seconds">Wall time of the whole tutorial (data, graph, training, evaluation, displays).</param>
public sealed record TutorialRun(string Output, Graph Graph, double Seconds)
{
    /// <summary>
    /// Runs tutorial <paramref name="name"/> with <paramref name="parameters"/> (as <c>GRAPHTRAINER_PARAM_name</c>, which
    /// <see cref="NotebookParameters"/> reads). Not thread-safe: it swaps the console and the default graph.
    /// </summary>
    public static TutorialRun Start(string name, IReadOnlyDictionary<string, string> parameters)
    {
        var app = TutorialCatalog.All.SingleOrDefault(a => a.Name == name)
            ?? throw new InvalidOperationException($"no tutorial named '{name}' in GraphTrainer.Tutorials");
        _ = EmulatedGpu.Device; // GPU:0 registered before the tutorial opens its session
        var previousOut = Console.Out;
        var captured = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var variables = parameters.Keys.Select(k => NotebookParameters.EnvironmentPrefix + k).ToArray();
        foreach (var (key, value) in parameters)
            Environment.SetEnvironmentVariable(NotebookParameters.EnvironmentPrefix + key, value);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Console.SetOut(captured);
            app.Run();
        }
        finally
        {
            Console.SetOut(previousOut);
            foreach (var variable in variables) Environment.SetEnvironmentVariable(variable, null);
        }
        return new TutorialRun(captured.ToString(), tf.get_default_graph(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The test accuracy the tutorial printed: the value after <c>test accuracy</c> (deep-mnist), else the first line that
    /// is a number alone (seed 000 prints <c>sess.run(accuracy)</c> by itself).
    /// </summary>
    /// <exception cref="InvalidOperationException">The output holds no accuracy.</exception>
    public double PrintedAccuracy()
    {
        var labelled = Regex.Match(Output, @"test accuracy ([0-9.eE+-]+)");
        if (labelled.Success) return double.Parse(labelled.Groups[1].Value, CultureInfo.InvariantCulture);
        foreach (var line in Output.Split('\n'))
            if (double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw new InvalidOperationException("the tutorial printed no test accuracy; its output was:\n" + Output);
    }

    /// <summary>The lines of the output that mention accuracy (what the check echoes).</summary>
    public IEnumerable<string> AccuracyLines() =>
        Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains("accuracy", StringComparison.OrdinalIgnoreCase)
            || double.TryParse(l.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
}
