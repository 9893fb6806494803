using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Const, Placeholder, PlaceholderWithDefault, Identity and NoOp.</summary>
internal static class ConstantOps
{
    // Const, Placeholder and Identity only forward values, so they serve every dtype including strings (summary tags).
    private static readonly DType[] AllTypes = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool, DType.String };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "Const", DTypes = AllTypes, NotDifferentiable = true, AliasesOutputs = true,
            InferShapes = op => new[] { new TensorShape(op.GetAttr<TensorValue>("value").Shape) },
        });
        // The value is immutable and shared; forwarding it avoids a copy per run.
        KernelRegistry.Register("Const", AllTypes, node =>
        {
            var value = (TensorValue)node.Attrs["value"];
            return ctx => ctx.SetOutput(0, value);
        });

        OpRegistry.Register(new OpDef
        {
            Type = "Placeholder", DTypes = AllTypes, NotDifferentiable = true,
            InferShapes = op => new[] { op.GetAttr<TensorShape>("shape") },
        });
        // The session validates feeds before running; reaching this kernel means the feed is missing.
        KernelRegistry.Register("Placeholder", AllTypes, node => _ => throw new InvalidArgumentError(MissingFeedMessage(node)));

        OpRegistry.Register(new OpDef
        {
            Type = "Identity", DTypes = AllTypes, InferShapes = ShapeRules.SameAsInput0, AliasesOutputs = true,
            Gradient = (op, grads) => new[] { grads[0] },
        });
        KernelRegistry.Register("Identity", AllTypes, _ => ctx => ctx.SetOutput(0, ctx.Input(0)), KernelRegistry.AnyDevice);

        // Forwards its input unless fed (a fed tensor's op is pruned from the plan); the gradient passes through.
        OpRegistry.Register(new OpDef
        {
            Type = "PlaceholderWithDefault", DTypes = AllTypes, AliasesOutputs = true, Gradient = (op, grads) => new[] { grads[0] },
            InferShapes = op =>
            {
                var shape = op.GetAttr<TensorShape>("shape");
                if (!shape.IsCompatibleWith(op.Inputs[0].shape)) throw new ShapeError($"Shapes {shape} and {op.Inputs[0].shape} are incompatible");
                return new[] { shape };
            },
        });
        KernelRegistry.Register("PlaceholderWithDefault", AllTypes, _ => ctx => ctx.SetOutput(0, ctx.Input(0)));

        OpRegistry.Register(new OpDef
        {
            Type = "NoOp", DTypes = new[] { DType.Float32 }, NotDifferentiable = true, InferShapes = ShapeRules.None,
        });
        KernelRegistry.Register("NoOp", new[] { DType.Float32 }, _ => _ => { }, KernelRegistry.AnyDevice);
    }

    public static string MissingFeedMessage(NodeInfo node) =>
        $"You must feed a value for placeholder tensor '{node.Name}' with dtype {node.OutputDTypes[0].TfShortName()}" +
        (node.Attrs.TryGetValue("shape", out var s) && s is TensorShape shape && shape.HasRank ? $" and shape {shape}" : "");

    /// <summary>A Const node holding <paramref name="value"/>.</summary>
    public static Tensor Constant(Graph g, TensorValue value, string name = "Const") =>
        g.CreateOp("Const", Array.Empty<Tensor>(), new[] { value.DType }, name,
            new Dictionary<string, object> { ["value"] = value, ["dtype"] = value.DType }).Outputs[0];

    /// <summary>A Placeholder node.</summary>
    public static Tensor Placeholder(DType dtype, TensorShape shape, string name) =>
        OpBuilder.Op1("Placeholder", Array.Empty<Tensor>(), dtype, name ?? "Placeholder", ("dtype", dtype), ("shape", shape ?? TensorShape.Unknown));

    /// <summary>tf.placeholder_with_default: <paramref name="input"/> unless the result is fed.</summary>
    public static Tensor PlaceholderWithDefault(Tensor input, TensorShape shape, string name) =>
        OpBuilder.Op1("PlaceholderWithDefault", new[] { input }, input.dtype, name ?? "PlaceholderWithDefault", ("dtype", input.dtype), ("shape", shape ?? TensorShape.Unknown));

    /// <summary>An Identity node.</summary>
    public static Tensor Identity(Tensor x, string name = null) =>
        OpBuilder.Op1("Identity", new[] { x }, x.dtype, name ?? "Identity", ("T", x.dtype));

    /// <summary>A NoOp whose control inputs are <paramref name="inputs"/> (TensorFlow's tf.group).</summary>
    public static Operation Group(IEnumerable<ITensorOrOperation> inputs, string name = null)
    {
        var deps = inputs.Where(i => i != null).ToArray();
        var g = deps.Length > 0 ? deps[0].op.Graph : Graph.Default;
        using (g.control_dependencies(deps))
            return g.CreateOp("NoOp", Array.Empty<Tensor>(), Array.Empty<DType>(), name ?? "NoOp");
    }
}
