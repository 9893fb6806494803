namespace GraphTrainer.Cli.Model;

/// <summary><c>--model mlp</c>: fully connected ReLU hidden layers (<c>--hidden</c>) and a linear output layer.</summary>
public sealed class MlpArchitecture : IModelArchitecture
{
    /// <inheritdoc />
    public string Name => "mlp";

    /// <inheritdoc />
    public string Summary => "multilayer perceptron: --hidden ReLU layers, then a softmax output layer";

    /// <inheritdoc />
    public int[] DefaultHidden => new[] { 300 };

    /// <inheritdoc />
    public string Describe(RunConfig config) => $"{string.Join("-", config.LayerSizes)} relu";

    /// <inheritdoc />
    public string Validate(RunConfig config) =>
        config.Hidden == null || config.Hidden.Length == 0 ? "the mlp model needs at least one hidden layer" : null;

    /// <inheritdoc />
    public ModelBody Build(ModelInput input, RunConfig config)
    {
        var parameters = new List<RefVariable>();
        var layers = new List<LayerSummary>();
        var logits = DenseLayers.Stack(input.Images, config.LayerSizes, parameters, layers);
        return new ModelBody(logits, parameters, layers);
    }
}
