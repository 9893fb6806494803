using System.Runtime.CompilerServices;

namespace GraphTrainer;

/// <summary>
/// The scope one TF1 layer call builds in (<c>tf.layers.dense</c>, <c>tf.contrib.layers.fully_connected</c>,
/// <c>tf.layers.conv2d</c>, …), as TensorFlow's <c>tf.layers.Layer</c> sets it up:
/// <list type="bullet">
/// <item>Without a name the layer is named after its kind, made unique per graph and per enclosing variable scope
/// (<c>dense</c>, <c>dense_1</c>, …; inside <c>tf.variable_scope("a")</c> it starts again at <c>a/dense</c>).
/// A given name is used as is, so a second call with the same name and no reuse fails as get_variable does.</item>
/// <item>It opens <c>tf.variable_scope(name, reuse)</c>, so ops are named <c>dense/MatMul</c> and variables
/// <c>dense/kernel</c>; <see cref="AddWeight"/> creates them through get_variable (sharing them under reuse), which
/// puts them in the global and (when trainable) trainable collections.</item>
/// <item>A regularizer is applied once, when the weight is created, under <c>name/Regularizer/</c>, and its loss is
/// added to <see cref="GraphKeys.REGULARIZATION_LOSSES"/>.</item>
/// </list>
/// Activations are <c>Func&lt;Tensor, Tensor&gt;</c>: the tf.nn activations have one-argument overloads
/// (tf.nn.activations.cs) so <c>activation: tf.nn.relu</c> converts as a method group, and <c>null</c> means linear.
/// Use: <c>using (var layer = LayerScope.Enter(name, "dense", reuse)) { var w = layer.AddWeight("kernel", ...); ... }</c>.
/// </summary>
internal sealed class LayerScope : IDisposable
{
    // How many layers of each base name were opened under each variable scope, per graph (TensorFlow's
    // variable_scope default_name counts); a ConditionalWeakTable so graphs are not kept alive.
    private static readonly ConditionalWeakTable<Graph, Dictionary<string, int>> s_counts = new();

    private readonly VariableScope _scope;

    private LayerScope(Graph graph, VariableScope scope)
    {
        Graph = graph;
        _scope = scope;
    }

    /// <summary>The graph the layer builds in.</summary>
    public Graph Graph { get; }

    /// <summary>The layer's full variable scope name (<c>dense_1</c>, <c>outer/dense</c>).</summary>
    public string Name => _scope.name;

    /// <summary>Opens the scope of a layer called <paramref name="name"/>, or a unique name derived from <paramref name="baseName"/> when it is null.</summary>
    public static LayerScope Enter(string name, string baseName, VariableReuse? reuse = null)
    {
        var g = tf.get_default_graph();
        lock (g.Lock)
        {
            string layerName = string.IsNullOrEmpty(name) ? UniqueName(g, baseName) : name;
            return new LayerScope(g, VariableScope.Enter(g, layerName, reuse, null));
        }
    }

    /// <summary>The unique layer name the next unnamed <paramref name="baseName"/> layer would get here (and takes it), for layer objects.</summary>
    public static string ReserveName(string baseName)
    {
        var g = tf.get_default_graph();
        lock (g.Lock) return UniqueName(g, baseName);
    }

    /// <summary>The full name of the variable scope open now ("" at the top).</summary>
    public static string CurrentScope()
    {
        var g = tf.get_default_graph();
        lock (g.Lock) return g.VariableStore.Current.name;
    }

    private static string UniqueName(Graph g, string baseName)
    {
        var counts = s_counts.GetValue(g, _ => new Dictionary<string, int>());
        string parent = g.VariableStore.Current.name;
        string key = parent + "/" + baseName;
        counts.TryGetValue(key, out int n);
        // Skip names whose variables exist already (a scope opened by hand with the same name).
        string candidate;
        do candidate = n == 0 ? baseName : $"{baseName}_{n}";
        while (Taken(g, parent, candidate) && ++n > 0);
        counts[key] = n + 1;
        return candidate;
    }

    private static bool Taken(Graph g, string parent, string candidate)
    {
        string prefix = (parent.Length == 0 ? "" : parent + "/") + candidate + "/";
        return g.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES).Any(v => v.op.Name.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// The layer's variable <paramref name="name"/> (<c>kernel</c>, <c>bias</c>): created with <paramref name="initializer"/>
    /// (get_variable's Glorot-uniform default when null), or shared under reuse. A <paramref name="regularizer"/> runs
    /// once on a new variable and its loss joins <see cref="GraphKeys.REGULARIZATION_LOSSES"/> (a null loss is skipped,
    /// as a zero-scale regularizer gives).
    /// </summary>
    public RefVariable AddWeight(string name, TensorShape shape, Initializer initializer = null, Func<Tensor, Tensor> regularizer = null,
        bool trainable = true, DType dtype = DType.Float32)
    {
        string fullName = Name + "/" + name;
        bool existed;
        lock (Graph.Lock) existed = Graph.VariableStore.Find(fullName) != null;
        var variable = tf.get_variable(name, shape, dtype, initializer, trainable);
        if (!existed && regularizer != null)
        {
            Tensor loss;
            using (Graph.name_scope(name + "/Regularizer")) loss = regularizer(variable);
            if (loss != null) Graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss);
        }
        return variable;
    }

    /// <summary>Closes the layer's variable scope and name scope.</summary>
    public void Dispose() => _scope.Dispose();
}
