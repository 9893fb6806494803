using System.Text;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// StringFormat (a template whose "{}" placeholders are filled with tensors in print_v2 form) and PrintV2 (writes a
/// string scalar to stderr or stdout): the two ops TensorFlow's tf.print builds.
/// </summary>
internal static class PrintV2Ops
{
    private static readonly DType[] AllTypes = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool, DType.String };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "StringFormat", DTypes = new[] { DType.String }, NotDifferentiable = true,
            InferShapes = _ => new[] { TensorShape.Scalar }, KernelDType = _ => DType.String,
        });
        KernelRegistry.Register("StringFormat", KernelRegistry.Cpu, DType.String, node => ctx =>
        {
            var parts = node.Attr("template", "{}").Split(node.Attr("placeholder", "{}"));
            if (parts.Length - 1 != ctx.InputCount)
                throw new InvalidArgumentError($"num placeholders in template and num inputs must match: {parts.Length - 1} vs. {ctx.InputCount}");
            int summarize = node.Attr("summarize", 3);
            var sb = new StringBuilder(parts[0]);
            for (int i = 0; i < ctx.InputCount; i++) sb.Append(TensorSummaryV2.Summarize(ctx.Input(i), summarize)).Append(parts[i + 1]);
            ((byte[][])ctx.Output(0, Array.Empty<int>()).Data)[0] = Encoding.UTF8.GetBytes(sb.ToString());
        });

        OpRegistry.Register(new OpDef
        {
            Type = "PrintV2", DTypes = new[] { DType.String }, IsStateful = true, NotDifferentiable = true,
            InferShapes = ShapeRules.None, KernelDType = _ => DType.String,
        });
        KernelRegistry.Register("PrintV2", KernelRegistry.Cpu, DType.String, node => ctx =>
        {
            var input = ctx.Input(0);
            if (input.Rank != 0) throw new InvalidArgumentError($"Input is expected to be scalar, but got {TensorValue.ShapeString(input.Shape)}");
            string text = Encoding.UTF8.GetString(((byte[][])input.Data)[0]) + node.Attr("end", "\n");
            var stream = node.Attr("output_stream", "stderr");
            (stream == "stdout" ? Console.Out : Console.Error).Write(text);
        });
    }

    /// <summary>tf.print: strings become part of the template, tensors its placeholders; returns the PrintV2 op.</summary>
    public static Operation Print(object[] inputs, string outputStream, int summarize, string sep, string end, string name)
    {
        if (outputStream is not ("stderr" or "stdout"))
            throw new ValueError($"Unsupported output stream '{outputStream}': use \"stderr\" or \"stdout\".");
        var tensors = new List<Tensor>();
        var pieces = new List<string>();
        foreach (var input in inputs ?? Array.Empty<object>())
        {
            if (input is Tensor t) { tensors.Add(t); pieces.Add("{}"); }
            else pieces.Add(input is string s ? s : Binding.str(input));
        }
        var g = tensors.Count > 0 ? tensors[0].graph : Graph.Default;
        string template = string.Join(sep ?? " ", pieces);
        Tensor formatted = tensors.Count == 0
            ? ConstantOps.Constant(g, TensorValue.StringScalar(Encoding.UTF8.GetBytes(template)))
            : OpBuilder.Op1("StringFormat", tensors.ToArray(), DType.String, "StringFormat",
                ("T", tensors.Select(t => t.dtype).ToArray()), ("template", template), ("placeholder", "{}"), ("summarize", summarize));
        return OpBuilder.Op("PrintV2", new[] { formatted }, Array.Empty<DType>(), name ?? "PrintV2",
            ("output_stream", outputStream), ("end", end ?? "\n"));
    }
}
