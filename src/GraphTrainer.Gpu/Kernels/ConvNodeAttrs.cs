using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Gpu;

/// <summary>
/// What the GPU convolution and pooling kernels read from their node, with the CPU kernels' (TensorFlow's) run-time
/// errors: the attrs in NHWC order, the run-time <see cref="ConvGeometry"/> (the engine's host code, shared with the
/// CPU), shapes in the node's layout, and the host-memory shape arguments (input_sizes, filter_sizes, orig_input_shape).
/// </summary>
internal sealed class ConvNodeAttrs
{
    private readonly NodeInfo _node;
    public readonly bool Nchw;
    public readonly int StrideH, StrideW, DilationH, DilationW, WindowH, WindowW;
    public readonly string Padding;

    public ConvNodeAttrs(NodeInfo node)
    {
        _node = node;
        Nchw = node.Attr("data_format", "NHWC") == "NCHW";
        int h = Nchw ? 2 : 1, w = Nchw ? 3 : 2;
        var strides = node.Attr<int[]>("strides");
        var dilations = node.Attr<int[]>("dilations") ?? new[] { 1, 1, 1, 1 };
        var ksize = node.Attr<int[]>("ksize");
        (StrideH, StrideW, DilationH, DilationW) = (strides[h], strides[w], dilations[h], dilations[w]);
        (WindowH, WindowW) = ksize == null ? (0, 0) : (ksize[h], ksize[w]);
        Padding = node.Attr("padding", "VALID");
    }

    /// <summary>A rank-4 shape as (N, H, W, C), or TensorFlow's error naming the argument.</summary>
    public (int N, int H, int W, int C) Dims(ReadOnlySpan<int> shape, string argument)
    {
        if (shape.Length != 4)
            throw new InvalidArgumentError($"{argument} must be 4-dimensional{TensorValue.ShapeString(shape)} (node '{_node.Name}')");
        return Nchw ? (shape[0], shape[2], shape[3], shape[1]) : (shape[0], shape[1], shape[2], shape[3]);
    }

    /// <summary>The geometry of a convolution of an input of <paramref name="inputShape"/> with a filter [KH, KW, C, OC].</summary>
    public ConvGeometry Conv(ReadOnlySpan<int> inputShape, ReadOnlySpan<int> filterShape)
    {
        var (n, h, w, c) = Dims(inputShape, "input");
        if (filterShape.Length != 4)
            throw new InvalidArgumentError($"filter must be 4-dimensional: {TensorValue.ShapeString(filterShape)} (node '{_node.Name}')");
        if (filterShape[2] != c)
            throw new InvalidArgumentError($"input and filter must have the same depth: {c} vs {filterShape[2]} (node '{_node.Name}')");
        int kh = filterShape[0], kw = filterShape[1], oc = filterShape[3];
        return Geometry(() => ConvGeometry.Create(n, h, w, c, kh, kw, oc, StrideH, StrideW, DilationH, DilationW, Padding));
    }

    /// <summary>The geometry of a pooling window over an input of <paramref name="inputShape"/> (OC = C).</summary>
    public ConvGeometry Pool(ReadOnlySpan<int> inputShape)
    {
        var (n, h, w, c) = Dims(inputShape, "input");
        return Geometry(() => ConvGeometry.Create(n, h, w, c, WindowH, WindowW, c, StrideH, StrideW, 1, 1, Padding));
    }

    private ConvGeometry Geometry(Func<ConvGeometry> create)
    {
        try { return create(); }
        catch (InvalidArgumentError e) { throw new InvalidArgumentError($"{e.Message} (node '{_node.Name}')"); }
    }

    /// <summary>The output shape in the node's layout.</summary>
    public int[] OutputShape(in ConvGeometry g) => Nchw ? new[] { g.N, g.OC, g.OH, g.OW } : new[] { g.N, g.OH, g.OW, g.OC };

    /// <summary>The shape held by a shape-valued input (read on the host).</summary>
    public int[] ShapeArgument(TensorValue v, string argument)
    {
        var shape = ValueConversion.ToInt32Array(v);
        if (shape.Length != 4 || shape.Any(d => d < 0))
            throw new InvalidArgumentError($"{argument} must be a 4-element vector of non-negative sizes, got {TensorValue.ShapeString(shape)} (node '{_node.Name}')");
        return shape;
    }

    /// <summary>Requires <paramref name="value"/> to have <paramref name="expected"/> shape.</summary>
    public void RequireShape(TensorValue value, int[] expected, string argument)
    {
        if (!value.Shape.AsSpan().SequenceEqual(expected))
            throw new InvalidArgumentError($"{_node.Type}: Size of {argument} doesn't match computed: actual = {TensorValue.ShapeString(value.Shape)}, computed = {TensorValue.ShapeString(expected)} (node '{_node.Name}')");
    }
}
