namespace GraphTrainer.Cli.Model;

/// <summary>
/// A model <c>--model NAME</c> can pick. To add one (e.g. a convolutional network), write one non-abstract class
/// implementing this interface with a public parameterless constructor; <see cref="ModelCatalog"/> finds it, and
/// <c>train</c>, <c>eval</c>, <c>predict</c>, the help text and the model summary use it from then on.
/// </summary>
public interface IModelArchitecture
{
    /// <summary>The <c>--model</c> value, lower case: <c>mlp</c>.</summary>
    string Name { get; }

    /// <summary>One line for the help text.</summary>
    string Summary { get; }

    /// <summary>Hidden sizes used when <c>--hidden</c> is not given; null when the model takes no <c>--hidden</c>.</summary>
    int[] DefaultHidden { get; }

    /// <summary>Epochs and learning-rate decay used when <c>--epochs</c> and <c>--lr-decay</c> are not given
    /// (<see cref="TrainingDefaults.Standard"/> unless the model needs its own).</summary>
    TrainingDefaults Defaults => TrainingDefaults.Standard;

    /// <summary>A short description of the built architecture: <c>784-300-10 relu</c>.</summary>
    string Describe(RunConfig config);

    /// <summary>Why <paramref name="config"/> cannot be built by this model, or null when it can.</summary>
    string Validate(RunConfig config);

    /// <summary>Builds the layers from <see cref="ModelInput.Images"/> to the logits in the current default graph.</summary>
    ModelBody Build(ModelInput input, RunConfig config);
}

/// <summary>What a model is built on.</summary>
/// <param name="Images">float32 placeholder [batch, Height*Width], pixels in [0, 1], row by row.</param>
/// <param name="Height">Image rows.</param>
/// <param name="Width">Image columns.</param>
/// <param name="Classes">Number of classes (width of the logits).</param>
public sealed record ModelInput(Tensor Images, int Height, int Width, int Classes);

/// <summary>What a model built.</summary>
/// <param name="Logits">Unnormalized class scores [batch, Classes].</param>
/// <param name="Parameters">Trainable variables, input to output (histograms in TensorBoard).</param>
/// <param name="Layers">Rows of the model summary printed before training.</param>
/// <param name="TrainingFeeds">
/// Values fed only to training steps, such as dropout's keep probability (a <c>tf.placeholder_with_default</c> that is its
/// evaluation value unless fed); null when none.
/// </param>
public sealed record ModelBody(Tensor Logits, IReadOnlyList<RefVariable> Parameters, IReadOnlyList<LayerSummary> Layers,
    IReadOnlyDictionary<Tensor, float> TrainingFeeds = null);

/// <summary>A row of the Keras-style model summary.</summary>
/// <param name="Name">Scope name: <c>hidden1</c>.</param>
/// <param name="Kind">Layer type: <c>Dense (relu)</c>.</param>
/// <param name="OutputShape">e.g. <c>(None, 300)</c>.</param>
/// <param name="Parameters">Trainable scalars in the layer.</param>
public sealed record LayerSummary(string Name, string Kind, string OutputShape, long Parameters);
