namespace GraphTrainer.Cli.Model;

/// <summary><c>--model softmax</c>: one linear layer and softmax (multinomial logistic regression).</summary>
public sealed class SoftmaxArchitecture : IModelArchitecture
{
    /// <inheritdoc />
    public string Name => "softmax";

    /// <inheritdoc />
    public string Summary => "multinomial logistic regression: a single softmax layer";

    /// <inheritdoc />
    public int[] DefaultHidden => null;

    /// <inheritdoc />
    public string Describe(RunConfig config) => $"{config.Inputs}-{config.Classes}";

    /// <inheritdoc />
    public string Validate(RunConfig config) =>
        config.Hidden is { Length: > 0 } ? "the softmax model has no hidden layers" : null;

    /// <inheritdoc />
    public ModelBody Build(ModelInput input, RunConfig config)
    {
        var parameters = new List<RefVariable>();
        var layers = new List<LayerSummary>();
        var logits = DenseLayers.Stack(input.Images, new[] { config.Inputs, config.Classes }, parameters, layers);
        return new ModelBody(logits, parameters, layers);
    }
}
