using System.Numerics;
using GraphTrainer.Runtime;
using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer;

/// <summary>
/// What convolution and pooling kernels read from their node: attrs in NHWC order, run-time geometry with TensorFlow's
/// errors, and the NCHW path (inputs transposed to NHWC for the NHWC kernels, results transposed back).
/// </summary>
internal sealed class ConvKernelSupport
{
    private readonly NodeInfo _node;
    public readonly bool Nchw;
    public readonly int StrideH, StrideW, DilationH, DilationW, WindowH, WindowW;
    public readonly string Padding;

    public ConvKernelSupport(NodeInfo node)
    {
        _node = node;
        Nchw = node.Attr("data_format", "NHWC") == "NCHW";
        var (h, w, _) = ConvAttrs.Axes(Nchw ? "NCHW" : "NHWC");
        var strides = node.Attr<int[]>("strides");
        var dilations = node.Attr<int[]>("dilations") ?? new[] { 1, 1, 1, 1 };
        var ksize = node.Attr<int[]>("ksize");
        (StrideH, StrideW, DilationH, DilationW) = (strides[h], strides[w], dilations[h], dilations[w]);
        (WindowH, WindowW) = ksize == null ? (0, 0) : (ksize[h], ksize[w]);
        Padding = node.Attr("padding", "VALID");
    }

    /// <summary>A rank-4 input in NHWC order (N, H, W, C), or TensorFlow's error naming the argument.</summary>
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

    /// <summary>The geometry of a pooling window over an input of <paramref name="inputShape"/>.</summary>
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

    /// <summary>The input shape in the node's layout.</summary>
    public int[] InputShape(in ConvGeometry g) => Nchw ? new[] { g.N, g.C, g.H, g.W } : new[] { g.N, g.H, g.W, g.C };

    /// <summary>A value in NHWC: the value itself for NHWC nodes, a transposed copy for NCHW.</summary>
    public TensorValue ToNhwc(TensorValue v) => Nchw ? Transposed(v, stackalloc int[] { 0, 2, 3, 1 }) : v;

    /// <summary>The buffer an NHWC kernel writes for <paramref name="output"/>: the output itself, or a scratch NHWC value for NCHW.</summary>
    public TensorValue NhwcBuffer(TensorValue output) =>
        Nchw ? TensorValue.Allocate(output.DType, stackalloc int[] { output.Shape[0], output.Shape[2], output.Shape[3], output.Shape[1] }) : output;

    /// <summary>Moves an NHWC result into the NCHW output (nothing to do for NHWC nodes).</summary>
    public void FromNhwc<T>(TensorValue nhwc, TensorValue output) where T : unmanaged
    {
        if (Nchw) LayoutKernels.Transpose(nhwc.Span<T>(), nhwc.Shape, stackalloc int[] { 0, 3, 1, 2 }, output.Span<T>());
    }

    private static TensorValue Transposed(TensorValue v, ReadOnlySpan<int> perm)
    {
        var shape = new int[4];
        for (int i = 0; i < 4; i++) shape[i] = v.Shape[perm[i]];
        var d = TensorValue.Allocate(v.DType, shape);
        if (v.DType == DType.Float32) LayoutKernels.Transpose(v.Span<float>(), v.Shape, perm, d.Span<float>());
        else LayoutKernels.Transpose(v.Span<double>(), v.Shape, perm, d.Span<double>());
        return d;
    }

    /// <summary>The shape held by a shape-valued input (input_sizes, filter_sizes, orig_input_shape).</summary>
    public int[] ShapeArgument(TensorValue v, string argument)
    {
        var shape = ValueConversion.ToInt32Array(v);
        if (shape.Length != 4 || shape.Any(d => d < 0))
            throw new InvalidArgumentError($"{argument} must be a 4-element vector of non-negative sizes, got {TensorValue.ShapeString(shape)} (node '{_node.Name}')");
        return shape;
    }

    /// <summary>Requires <paramref name="value"/> to have <paramref name="expected"/> shape (the gradient's out_backprop).</summary>
    public void RequireShape(TensorValue value, int[] expected, string argument)
    {
        if (!value.Shape.AsSpan().SequenceEqual(expected))
            throw new InvalidArgumentError($"{_node.Type}: Size of {argument} doesn't match computed: actual = {TensorValue.ShapeString(value.Shape)}, computed = {TensorValue.ShapeString(expected)} (node '{_node.Name}')");
    }
}
