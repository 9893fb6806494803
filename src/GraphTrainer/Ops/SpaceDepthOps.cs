using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// SpaceToDepth and DepthToSpace (NHWC), each the other's inverse and gradient: block_size × block_size blocks of
/// pixels become one pixel with block_size² times the channels, output[n, i, j, (bi·b + bj)·C + c] =
/// input[n, i·b + bi, j·b + bj, c] (YOLOv2's reorg layer, sub-pixel upsampling). Any element type: runs of C values move
/// as bytes.
/// </summary>
internal static class SpaceDepthOps
{
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool };

    public static void Register()
    {
        Declare("SpaceToDepth", "DepthToSpace", toDepth: true);
        Declare("DepthToSpace", "SpaceToDepth", toDepth: false);
    }

    private static void Declare(string type, string inverse, bool toDepth)
    {
        OpRegistry.Register(new OpDef
        {
            Type = type, DTypes = All,
            InferShapes = op => new[] { Infer(op.Inputs[0].shape, op.GetAttr<int>("block_size"), toDepth) },
            Gradient = (op, g) => new[] { Build(inverse, g[0], op.GetAttr<int>("block_size"), null) },
        });
        KernelRegistry.Register(type, All, node => Kernel(node, toDepth));
    }

    /// <summary>The op with its attrs (NHWC; block_size at least 2).</summary>
    public static Tensor Build(string type, Tensor input, int blockSize, string name, string dataFormat = "NHWC")
    {
        if (blockSize < 2) throw new ValueError($"Value for attr 'block_size' of {blockSize} must be at least minimum 2");
        if (dataFormat != "NHWC") throw new ValueError($"{type} supports data_format \"NHWC\" only, got \"{dataFormat}\"");
        return OpBuilder.Op1(type, new[] { input }, input.dtype, name ?? type, ("T", input.dtype), ("block_size", blockSize), ("data_format", dataFormat));
    }

    private static TensorShape Infer(TensorShape s, int b, bool toDepth)
    {
        ShapeRules.RequireRank(s, 4);
        if (!s.HasRank) return new TensorShape(-1, -1, -1, -1);
        int Known(int d, Func<int, int> f) => d < 0 ? -1 : f(d);
        if (toDepth)
        {
            foreach (int axis in new[] { 1, 2 })
                if (s[axis] >= 0 && s[axis] % b != 0)
                    throw new ShapeError($"Dimension size must be evenly divisible by {b} but is {s[axis]}");
            return new TensorShape(s[0], Known(s[1], d => d / b), Known(s[2], d => d / b), Known(s[3], d => d * b * b));
        }
        if (s[3] >= 0 && s[3] % (b * b) != 0)
            throw new ShapeError($"Dimension size must be evenly divisible by {b * b} but is {s[3]}");
        return new TensorShape(s[0], Known(s[1], d => d * b), Known(s[2], d => d * b), Known(s[3], d => d / (b * b)));
    }

    private static Kernel Kernel(NodeInfo node, bool toDepth)
    {
        int b = node.Attr("block_size", 2);
        return ctx =>
        {
            var input = ctx.Input(0);
            var s = input.Shape;
            if (s.Length != 4) throw new InvalidArgumentError($"Input rank should be: 4 instead of: {s.Length} (node '{node.Name}')");
            // Spatial (depth-to-space: output) sizes H × W and the channels C of the spatial side.
            int n = s[0], h, w, c;
            if (toDepth)
            {
                (h, w, c) = (s[1], s[2], s[3]);
                if (h % b != 0 || w % b != 0)
                    throw new InvalidArgumentError($"Image width {w} and height {h} should be divisible by block_size: {b} (node '{node.Name}')");
            }
            else
            {
                if (s[3] % (b * b) != 0)
                    throw new InvalidArgumentError($"Input depth dimension {s[3]} should be divisible by: {b * b} (node '{node.Name}')");
                (h, w, c) = (s[1] * b, s[2] * b, s[3] / (b * b));
            }
            var output = ctx.Output(0, toDepth ? new[] { n, h / b, w / b, c * b * b } : new[] { n, h, w, c });
            if (input.Length == 0) return;
            Span<byte> src = input.Bytes, dst = output.Bytes;
            int run = c * (src.Length / input.Length);
            // The spatial pixel (y, x) and its place in the depth layout, one run of C values each.
            for (int image = 0; image < n; image++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                    {
                        long spatial = (((long)image * h + y) * w + x) * run;
                        long depth = ((((long)image * (h / b) + y / b) * (w / b) + x / b) * b * b + (y % b) * b + x % b) * run;
                        var (from, to) = toDepth ? (spatial, depth) : (depth, spatial);
                        src.Slice((int)from, run).CopyTo(dst.Slice((int)to, run));
                    }
        };
    }
}
