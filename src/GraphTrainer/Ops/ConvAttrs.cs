using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// The attrs that convolution and pooling ops share (strides, padding, data_format, dilations, ksize): validation with
/// TensorFlow's messages at graph-build time, and the static and run-time geometry derived from them.
/// </summary>
internal static class ConvAttrs
{
    /// <summary>TensorFlow's attr check for a string from a fixed list (a ValueError when the op is created).</summary>
    public static void RequireOneOf(string attr, string value, params string[] allowed)
    {
        if (!allowed.Contains(value))
            throw new ValueError($"Value for attr '{attr}' of \"{value}\" is not in the list of allowed values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
    }

    /// <summary>Checks strides/ksize/dilations: 4 values, 1 in the batch and channel dimensions.</summary>
    public static void RequireWindowAttr(string opType, string attr, int[] values, string dataFormat)
    {
        if (values == null || values.Length != 4)
            throw new ValueError($"{opType} requires the {attr} attribute to contain 4 values, but got: {values?.Length ?? 0}");
        int channel = dataFormat == "NCHW" ? 1 : 3;
        if (values[0] != 1 || values[channel] != 1)
            throw new ValueError(attr switch
            {
                "dilation" => "Current implementation does not yet support dilations in the batch and depth dimensions.",
                "ksize" or "stride" when opType.Contains("Pool") => "Pooling is not yet supported on the batch dimension.",
                _ => "Current implementation does not yet support strides in the batch and depth dimensions.",
            });
        if (values.Any(v => v < 1)) throw new ValueError($"{opType} requires positive {attr} values, but got: [{string.Join(", ", values)}]");
    }

    /// <summary>Validates the attrs every conv/pool builder passes.</summary>
    public static void Validate(string opType, int[] strides, string padding, string dataFormat, int[] dilations = null, int[] ksize = null)
    {
        RequireOneOf("padding", padding, "SAME", "VALID");
        RequireOneOf("data_format", dataFormat, "NHWC", "NCHW");
        RequireWindowAttr(opType, "stride", strides, dataFormat);
        if (dilations != null) RequireWindowAttr(opType, "dilation", dilations, dataFormat);
        if (ksize != null) RequireWindowAttr(opType, "ksize", ksize, dataFormat);
    }

    /// <summary>Indices of (H, W, C) in a rank-4 shape of <paramref name="dataFormat"/>.</summary>
    public static (int H, int W, int C) Axes(string dataFormat) => dataFormat == "NCHW" ? (2, 3, 1) : (1, 2, 3);

    /// <summary>A rank-4 shape in <paramref name="dataFormat"/> from batch, height, width and channels.</summary>
    public static TensorShape Shape(string dataFormat, int n, int h, int w, int c) =>
        dataFormat == "NCHW" ? new TensorShape(n, c, h, w) : new TensorShape(n, h, w, c);

    /// <summary>A static output size along one spatial axis, -1 when the input size is unknown.</summary>
    public static int StaticOutputSize(int input, int window, int stride, int dilation, string padding)
    {
        if (input < 0 || window < 0) return -1;
        try { return ConvGeometry.OutputSize(input, window, stride, dilation, padding).Size; }
        catch (InvalidArgumentError e) { throw new ShapeError(e.Message); }
    }

    /// <summary>
    /// A convolution op's static output height and width (-1 where unknown) from its strides, dilations and padding attrs,
    /// for an input of shape <paramref name="input"/> and a filter <paramref name="filter"/> [KH, KW, …].
    /// </summary>
    public static (int H, int W) StaticOutputSize(Operation op, TensorShape input, TensorShape filter)
    {
        var (h, w, _) = Axes(op.GetAttrOrDefault("data_format", "NHWC"));
        var strides = op.GetAttr<int[]>("strides");
        var dilations = op.GetAttrOrDefault("dilations", new[] { 1, 1, 1, 1 });
        string padding = op.GetAttr<string>("padding");
        return (StaticOutputSize(Dim(input, h), Dim(filter, 0), strides[h], dilations[h], padding),
                StaticOutputSize(Dim(input, w), Dim(filter, 1), strides[w], dilations[w], padding));
    }

    /// <summary>
    /// The shape a shape-valued input denotes: a constant's value, or the shape of the tensor a Shape op reads (as
    /// TensorFlow's constant_value_as_shape), so gradient ops keep static shapes.
    /// </summary>
    public static TensorShape FromShapeInput(Tensor shapeTensor) =>
        shapeTensor.op.Type == "Shape" ? shapeTensor.op.Inputs[0].shape : ShapeRules.FromShapeTensor(shapeTensor);

    /// <summary>Dimension i of a shape, or -1.</summary>
    public static int Dim(TensorShape s, int i) => s.HasRank && i < s.ndim ? s[i] : -1;
}
