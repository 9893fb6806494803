using GraphTrainer.Train;

namespace GraphTrainer.Cli.Model;

/// <summary>
/// The classifier graph described by a <see cref="RunConfig"/>, built in its own <see cref="GraphTrainer.Graph"/>
/// (never the process-wide default graph, so the CLI can run beside notebooks and tests). Variable names follow
/// TensorFlow's MNIST tutorial (<c>hidden1/weights</c>, <c>softmax_linear/biases</c>; see <see cref="DenseLayers"/>) and are the names in the
/// checkpoint; the training ops are always built, so eval and predict restore exactly the variables train saved.
/// </summary>
public sealed class ClassifierModel
{
    private ClassifierModel(Graph graph, RunConfig config)
    {
        Graph = graph;
        Config = config;
    }

    /// <summary>The graph holding every op below.</summary>
    public Graph Graph { get; }

    /// <summary>The architecture and training settings the graph was built from.</summary>
    public RunConfig Config { get; }

    /// <summary>Placeholder <c>images</c>: float32 [?, height*width].</summary>
    public Tensor Images { get; private set; }

    /// <summary>Extra values fed to training steps only (see <see cref="ModelBody.TrainingFeeds"/>).</summary>
    public IReadOnlyDictionary<Tensor, float> TrainingFeeds { get; private set; }

    /// <summary>Placeholder <c>labels</c>: one-hot float32 [?, classes].</summary>
    public Tensor Labels { get; private set; }

    /// <summary>Unnormalized class scores [?, classes].</summary>
    public Tensor Logits { get; private set; }

    /// <summary>Softmax of the logits [?, classes].</summary>
    public Tensor Probabilities { get; private set; }

    /// <summary>Predicted class per example, int64 [?].</summary>
    public Tensor Predictions { get; private set; }

    /// <summary>Mean softmax cross-entropy over the batch.</summary>
    public Tensor Loss { get; private set; }

    /// <summary>Fraction of the batch predicted correctly.</summary>
    public Tensor Accuracy { get; private set; }

    /// <summary>One optimizer step; also increments <see cref="GlobalStep"/>.</summary>
    public Operation TrainOp { get; private set; }

    /// <summary>Training steps taken so far (int64), saved in every checkpoint.</summary>
    public RefVariable GlobalStep { get; private set; }

    /// <summary>The decayed learning rate of the current global step (float32 scalar); null when the rate is constant.</summary>
    public Tensor LearningRate { get; private set; }

    /// <summary>Epochs completed (int32), saved in every checkpoint so <c>--resume</c> knows where it is.</summary>
    public RefVariable Epoch { get; private set; }

    /// <summary>Placeholder fed to <see cref="SetEpoch"/>.</summary>
    public Tensor EpochValue { get; private set; }

    /// <summary>Assigns <see cref="EpochValue"/> to <see cref="Epoch"/>.</summary>
    public Tensor SetEpoch { get; private set; }

    /// <summary>Input pipeline position saved in every checkpoint: [epoch stream index, examples taken from it].</summary>
    public RefVariable PipelineState { get; private set; }

    /// <summary>Placeholder fed to <see cref="SetPipelineState"/>.</summary>
    public Tensor PipelineStateValue { get; private set; }

    /// <summary>Assigns <see cref="PipelineStateValue"/> to <see cref="PipelineState"/>.</summary>
    public Tensor SetPipelineState { get; private set; }

    /// <summary>The model summary rows, input to output.</summary>
    public IReadOnlyList<LayerSummary> Layers { get; private set; }

    /// <summary>Trainable scalars in the model.</summary>
    public long ParameterCount => Layers.Sum(l => l.Parameters);

    /// <summary>Serialized summary of the loss and accuracy scalars for the fed batch (TensorBoard).</summary>
    public Tensor Scalars { get; private set; }

    /// <summary>Serialized summary of histograms of every weight and bias (TensorBoard).</summary>
    public Tensor Histograms { get; private set; }

    /// <summary>Initializes every variable (fresh runs; restored runs load them instead).</summary>
    public Operation Init { get; private set; }

    /// <summary>Weight matrices and bias vectors, input to output.</summary>
    public IReadOnlyList<RefVariable> Parameters { get; private set; }

    /// <summary>Builds the graph for <paramref name="config"/> in a new graph.</summary>
    public static ClassifierModel Build(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var graph = new Graph { seed = config.Seed };
        var model = new ClassifierModel(graph, config);
        using (graph.as_default())
            model.BuildInDefaultGraph();
        return model;
    }

    private void BuildInDefaultGraph()
    {
        var (height, width) = Config.ImageSize;
        Images = tf.placeholder(tf.float32, (Binding.None, Config.Inputs), name: "images");
        Labels = tf.placeholder(tf.float32, (Binding.None, Config.Classes), name: "labels");

        var body = Config.Architecture.Build(new ModelInput(Images, height, width, Config.Classes), Config);
        Parameters = body.Parameters;
        Layers = body.Layers;
        Logits = body.Logits;
        TrainingFeeds = body.TrainingFeeds ?? new Dictionary<Tensor, float>();

        // Scope names differ from the summary names below, so the TensorBoard tags are plain "loss" and "accuracy".
        using (tf.name_scope("cross_entropy"))
            Loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: Labels, logits: Logits), name: "xentropy_mean");
        using (tf.name_scope("evaluation"))
        {
            Predictions = tf.argmax(Logits, 1, name: "predictions");
            var correct = tf.equal(Predictions, tf.argmax(Labels, 1));
            Accuracy = tf.reduce_mean(tf.cast(correct, tf.float32), name: "accuracy");
        }
        Probabilities = tf.nn.softmax(Logits, name: "probabilities");

        GlobalStep = tf.Variable(tf.constant(0L, tf.int64), name: "global_step", trainable: false);
        Epoch = tf.Variable(tf.constant(0, tf.int32), name: "epoch", trainable: false);
        EpochValue = tf.placeholder(tf.int32, TensorShape.Scalar, name: "epoch_value");
        SetEpoch = Epoch.assign(EpochValue);
        // Where the input pipeline stands ([epoch stream, examples taken in it]); saved with the weights so a resumed
        // run draws exactly the batches an uninterrupted one would.
        using (tf.name_scope("input_pipeline"))
        {
            PipelineState = tf.Variable(tf.zeros(new[] { 2 }, tf.int64), name: "state", trainable: false);
            PipelineStateValue = tf.placeholder(tf.int64, new[] { 2 }, name: "state_value");
            SetPipelineState = PipelineState.assign(PipelineStateValue);
        }

        // A decaying rate is a function of the global step, which every checkpoint saves: a resumed run continues
        // the schedule where it stopped. A constant rate stays a plain number (the graph of such runs is unchanged).
        if (Config.LearningRateDecay is { } decay)
            LearningRate = tf.train.exponential_decay(Config.LearningRate, GlobalStep, Config.DecaySteps.Value, decay, name: "learning_rate");
        Optimizer optimizer = LearningRate != null
            ? Optimizers.Create(Config.Optimizer, LearningRate)
            : Optimizers.Create(Config.Optimizer, Config.LearningRate);
        TrainOp = optimizer.minimize(Loss, global_step: GlobalStep);
        Init = tf.global_variables_initializer();

        // The same scalar op serves training batches and the validation split: the writer it goes to tells them apart.
        Scalars = tf.summary.merge(new[] { tf.summary.scalar("loss", Loss), tf.summary.scalar("accuracy", Accuracy) }, name: "scalars");
        using (tf.name_scope("histograms"))
            Histograms = tf.summary.merge(Parameters.Select(p => tf.summary.histogram(p.op.Name, p)), name: "merged");
    }
}
