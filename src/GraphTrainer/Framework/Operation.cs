namespace GraphTrainer;

/// <summary>A node of the graph: a TensorFlow op type with inputs, attributes and outputs.</summary>
public sealed class Operation : ITensorOrOperation
{
    private readonly Dictionary<string, object> _attrs;

    internal Operation(Graph graph, int id, string type, string name, Tensor[] inputs, DType[] outputTypes,
        IReadOnlyDictionary<string, object> attrs, List<Operation> controlInputs, OpDef def)
    {
        Graph = graph;
        Id = id;
        Type = type;
        Name = name;
        Inputs = inputs;
        Def = def;
        ControlInputs = controlInputs;
        _attrs = attrs == null ? new Dictionary<string, object>() : new Dictionary<string, object>(attrs);
        Outputs = new Tensor[outputTypes.Length];
        for (int i = 0; i < outputTypes.Length; i++) Outputs[i] = new Tensor(this, i, outputTypes[i]);
    }

    /// <summary>The graph this op belongs to.</summary>
    public Graph Graph { get; }
    /// <summary>Creation index within the graph.</summary>
    public int Id { get; }
    /// <summary>TensorFlow op type, e.g. <c>MatMul</c>.</summary>
    public string Type { get; }
    /// <summary>Unique full name, e.g. <c>layer1/MatMul_1</c>.</summary>
    public string Name { get; }
    /// <summary>Data inputs in OpDef order.</summary>
    public Tensor[] Inputs { get; }
    /// <summary>Outputs in OpDef order.</summary>
    public Tensor[] Outputs { get; }
    /// <summary>Ops that must run before this one.</summary>
    public IReadOnlyList<Operation> ControlInputs { get; }
    /// <summary>The op's declaration (shape rule, gradient, kernels).</summary>
    internal OpDef Def { get; }
    /// <summary>Attribute values by TensorFlow attr name (<c>transpose_a</c>, <c>T</c>, <c>value</c>).</summary>
    public IReadOnlyDictionary<string, object> Attrs => _attrs;

    /// <summary>
    /// The device this op requests, in canonical form (<c>/device:GPU:0</c>), from the <c>tf.device</c> scopes open when
    /// it was created; "" when unpinned (TensorFlow's <c>op.device</c>). The placer decides where it actually runs.
    /// </summary>
    public string device { get; internal set; } = "";

    /// <summary>Typed attribute access; throws naming the op when missing.</summary>
    public T GetAttr<T>(string attrName) =>
        _attrs.TryGetValue(attrName, out var v) ? (T)v
            : throw new ValueError($"Operation '{Name}' ({Type}) has no attr named '{attrName}'.");

    /// <summary>Typed attribute access with a default.</summary>
    public T GetAttrOrDefault<T>(string attrName, T fallback) => _attrs.TryGetValue(attrName, out var v) ? (T)v : fallback;

    // TensorFlow spellings.
    Operation ITensorOrOperation.op => this;
    /// <summary>TensorFlow spelling of <see cref="Name"/>.</summary>
    public string name => Name;
    /// <summary>TensorFlow spelling of <see cref="Type"/>.</summary>
    public string type => Type;
    /// <summary>TensorFlow spelling of <see cref="Inputs"/>.</summary>
    public Tensor[] inputs => Inputs;
    /// <summary>TensorFlow spelling of <see cref="Outputs"/>.</summary>
    public Tensor[] outputs => Outputs;
    /// <summary>TensorFlow spelling of <see cref="Graph"/>.</summary>
    public Graph graph => Graph;
    /// <summary>TensorFlow's <c>op.get_attr(name)</c>.</summary>
    public object get_attr(string attrName) => GetAttr<object>(attrName);

    /// <summary>Runs this op in the default session (TensorFlow's <c>op.run(feed_dict)</c>).</summary>
    public void run(FeedDict feed_dict = null, Session session = null) =>
        (session ?? Session.RequireDefault("Operation.run")).run(this, feed_dict);

    /// <inheritdoc/>
    public override string ToString() => $"<tf.Operation '{Name}' type={Type}>";
}
