using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>Shared plumbing for the op families: picking the graph, dtype agreement, attrs, constant folding of shapes.</summary>
internal static class OpBuilder
{
    /// <summary>The graph of the first non-null input, else the default graph (TensorFlow's rule).</summary>
    public static Graph GraphOf(params Tensor[] inputs)
    {
        foreach (var t in inputs) if (t != null) return t.graph;
        return Graph.Default;
    }

    /// <summary>Creates an op and returns it; attrs are given as name/value pairs.</summary>
    public static Operation Op(string type, Tensor[] inputs, DType[] outputs, string name, params (string, object)[] attrs) =>
        GraphOf(inputs).CreateOp(type, inputs, outputs, name, attrs.ToDictionary(a => a.Item1, a => a.Item2));

    /// <summary>An op with one output of dtype <paramref name="output"/>.</summary>
    public static Tensor Op1(string type, Tensor[] inputs, DType output, string name, params (string, object)[] attrs) =>
        Op(type, inputs, new[] { output }, name, attrs).Outputs[0];

    /// <summary>Same-dtype elementwise op: checks every input has the first input's dtype (TypeError otherwise).</summary>
    public static Tensor SameType(string type, string name, string[] inputNames, params Tensor[] inputs)
    {
        RequireSameDType(type, inputNames, inputs);
        return Op1(type, inputs, inputs[0].dtype, name, ("T", inputs[0].dtype));
    }

    public static void RequireSameDType(string type, string[] inputNames, Tensor[] inputs)
    {
        for (int i = 1; i < inputs.Length; i++)
            if (inputs[i].dtype != inputs[0].dtype)
                throw new TypeError(
                    $"Input '{inputNames[i]}' of '{type}' Op has type {inputs[i].dtype.Name()} that does not match type {inputs[0].dtype.Name()} of argument '{inputNames[0]}'.");
    }

    /// <summary>The value of a tensor when it is known at build time (a Const), else null — TensorFlow's constant_value.</summary>
    public static TensorValue ConstantValue(Tensor t) =>
        t.op.Type == "Const" ? (TensorValue)t.op.Attrs["value"] : null;

    /// <summary>An int32 vector constant in <paramref name="g"/>.</summary>
    public static Tensor IntVector(Graph g, int[] values, string name = "Const") =>
        ConstantOps.Constant(g, TensorValue.Wrap((int[])values.Clone(), values.Length), name);

    /// <summary>An int32 scalar constant in <paramref name="g"/>.</summary>
    public static Tensor IntScalar(Graph g, int value, string name = "Const") =>
        ConstantOps.Constant(g, TensorValue.Scalar(value), name);

    /// <summary>A scalar constant of <paramref name="dtype"/> in <paramref name="g"/>.</summary>
    public static Tensor Scalar(Graph g, double value, DType dtype, string name = "Const") =>
        ConstantOps.Constant(g, ValueConversion.ScalarOf(value, dtype), name);

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>.</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ShapeError($"axis {axis} is out of range for a tensor of rank {rank}");
        return a;
    }
}
