namespace GraphTrainer;

/// <summary>
/// A TensorFlow 1.x computation graph: operations on symbolic tensors, unique TF-style names,
/// name scopes, collections and control dependencies. Building is serialized by a lock so
/// notebook cells on different threads may add to the same graph.
/// </summary>
public sealed partial class Graph
{
    private readonly List<Operation> _operations = new();
    private readonly Dictionary<string, Operation> _byName = new();
    private readonly Dictionary<string, int> _namesInUse = new();
    private readonly Dictionary<string, List<object>> _collections = new();
    internal readonly object Lock = new();

    /// <summary>Graph-level random seed (<c>tf.set_random_seed</c>); null means non-deterministic.</summary>
    public int? seed { get; set; }

    /// <summary>Operations in creation order (a topological order, since inputs precede consumers).</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>Operations in creation order, as TensorFlow's <c>get_operations()</c>.</summary>
    public Operation[] get_operations() { lock (Lock) return _operations.ToArray(); }

    /// <summary>The calling thread's current name scope prefix without trailing slash ("" at top level).</summary>
    public string NameScope => Scopes.NameStack;

    /// <summary>Incremented on every structural change; lets sessions know cached plans may be stale.</summary>
    internal int Version { get; private set; }

    /// <summary>Looks up an operation by its full name.</summary>
    public Operation get_operation_by_name(string name)
    {
        lock (Lock)
            return _byName.TryGetValue(name, out var op) ? op
                : throw new KeyError($"The name '{name}' refers to an Operation not in the graph.");
    }

    /// <summary>Looks up a tensor by <c>op_name:index</c>.</summary>
    public Tensor get_tensor_by_name(string name)
    {
        int colon = name.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(name.AsSpan(colon + 1), out int index))
            throw new ArgumentException($"The name '{name}' looks like an Operation name, not a Tensor name (expected 'op_name:output_index').");
        var op = get_operation_by_name(name[..colon]);
        if (index >= op.Outputs.Length)
            throw new KeyError($"The name '{name}' refers to a Tensor which does not exist; operation '{op.Name}' has {op.Outputs.Length} outputs.");
        return op.Outputs[index];
    }

    /// <summary>
    /// Returns a name unique in this graph for <paramref name="name"/> under the current scope,
    /// appending <c>_1</c>, <c>_2</c>… as TensorFlow does (case-insensitively).
    /// </summary>
    public string unique_name(string name, bool mark_as_used = true)
    {
        lock (Lock)
        {
            string nameStack = Scopes.NameStack;
            if (nameStack.Length > 0) name = nameStack + "/" + name;
            string key = name.ToLowerInvariant();
            _namesInUse.TryGetValue(key, out int i);
            if (mark_as_used) _namesInUse[key] = i + 1;
            if (i == 0) return name;
            string baseKey = key;
            while (_namesInUse.ContainsKey(key)) key = $"{baseKey}_{i++}";
            if (mark_as_used) _namesInUse[key] = 1;
            return $"{name}_{i - 1}";
        }
    }

    /// <summary>
    /// Opens a name scope (<c>using (g.name_scope("layer1")) {...}</c>). A name ending in '/' re-enters
    /// that exact scope; otherwise the scope name is made unique. Null or "" resets to the top level.
    /// </summary>
    public NameScope name_scope(string name)
    {
        var scopes = Scopes;
        lock (Lock)
        {
            string previous = scopes.NameStack;
            string scope = string.IsNullOrEmpty(name) ? ""
                : name.EndsWith('/') ? name.TrimEnd('/')
                : unique_name(name);
            scopes.NameStack = scope;
            return new NameScope(scopes, scope, previous);
        }
    }

    // The scope entry that control_dependencies(null) pushes.
    private static readonly Operation[] ClearControlDependencies = new Operation[0]; // its own instance (an empty ToArray() is Array.Empty)

    /// <summary>Ops created inside the returned scope get <paramref name="control_inputs"/> as control inputs.</summary>
    public IDisposable control_dependencies(params ITensorOrOperation[] control_inputs)
    {
        // null is TensorFlow's control_dependencies(None): ops created inside depend on none of the enclosing scopes.
        var ops = control_inputs == null ? ClearControlDependencies : control_inputs.Select(c => c.op).ToArray();
        var stack = Scopes.ControlDependencies;
        stack.Add(ops);
        return new ScopeExit(() => stack.Remove(ops)); // the opening thread's stack, wherever the scope is closed
    }

    /// <summary>Adds <paramref name="value"/> to the named collection.</summary>
    public void add_to_collection(string name, object value)
    {
        lock (Lock)
        {
            if (!_collections.TryGetValue(name, out var list)) _collections[name] = list = new List<object>();
            list.Add(value);
        }
    }

    /// <summary>Items of the named collection, in insertion order, filtered to <typeparamref name="T"/>.</summary>
    public List<T> get_collection<T>(string name)
    {
        lock (Lock)
            return _collections.TryGetValue(name, out var list) ? list.OfType<T>().ToList() : new List<T>();
    }

    /// <summary>
    /// Creates an operation: uniquifies its name, wires inputs (all in this graph), attaches the current
    /// control dependencies and runs the op's shape rule, so shape errors surface here at build time.
    /// </summary>
    public Operation CreateOp(string type, Tensor[] inputs, DType[] outputTypes, string name = null,
        IReadOnlyDictionary<string, object> attrs = null)
    {
        var def = OpRegistry.Get(type);
        lock (Lock)
        {
            foreach (var t in inputs)
                if (t.graph != this)
                    throw new ValueError($"Tensor {t.name} must be from the same graph as the other inputs of '{name ?? type}' ({type}).");
            // A name ending in '/' is an exact full name (TensorFlow's convention for names from a scope).
            string opName = name != null && name.EndsWith('/') ? name.TrimEnd('/') : unique_name(name ?? type);
            if (_byName.ContainsKey(opName))
                throw new ValueError($"Duplicate node name in graph: '{opName}'.");
            var stack = Scopes.ControlDependencies;
            int cleared = stack.LastIndexOf(ClearControlDependencies);
            var control = stack.Skip(cleared + 1).SelectMany(c => c).Distinct().ToList();
            var op = new Operation(this, _operations.Count, type, opName, inputs, outputTypes, attrs, control, def);
            op.device = CurrentDeviceString();
            try
            {
                var shapes = def.InferShapes(op);
                for (int i = 0; i < shapes.Length; i++) op.Outputs[i].SetShape(shapes[i]);
            }
            catch (ShapeError e)
            {
                throw new ValueError(e.Format(op), e);
            }
            _operations.Add(op);
            _byName[opName] = op;
            foreach (var t in inputs) t.AddConsumer(op);
            Version++;
            return op;
        }
    }
}
