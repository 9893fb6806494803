using System.Text;
using Google.Protobuf;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// ImageSummary (tf.summary.image): up to <c>max_images</c> images of a [batch, height, width, channels] tensor,
/// PNG-encoded into a Summary's image values as TensorFlow's kernel does: uint8 pixels as they are; float images
/// scaled per image (all ≥ 0: largest → 255; any negative: 0 → 128 and the largest magnitude → ±127), with pixels
/// holding a NaN or Inf painted bad_color (red).
/// </summary>
internal static class ImageSummaryOps
{
    private static readonly DType[] Types = { DType.UInt8, DType.Float32, DType.Float64 };

    public static void Register()
    {
        OpRegistry.Register(new OpDef
        {
            Type = "ImageSummary", DTypes = Types, NotDifferentiable = true,
            InferShapes = _ => new[] { TensorShape.Scalar }, KernelDType = op => op.Inputs[1].dtype,
        });
        KernelRegistry.Register("ImageSummary", Types, node => ctx => Kernel(node, ctx));
    }

    /// <summary>An ImageSummary named, tagged and collected as tf.summary.image does.</summary>
    public static Tensor Image(string name, Tensor tensor, int maxOutputs, IEnumerable<string> collections, string family)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (string.IsNullOrEmpty(name)) throw new ValueError("An ImageSummary needs a non-empty name.");
        if (!Types.Contains(tensor.dtype))
            throw new TypeError($"Value passed to parameter 'tensor' has DataType {tensor.dtype.Name()} not in list of allowed values: uint8, float32, float64");
        if (maxOutputs < 1) throw new ValueError($"max_outputs must be at least 1, got {maxOutputs}.");
        if (tensor.shape.HasRank && (tensor.shape.ndim != 4 || tensor.shape[3] is not (1 or 3 or 4 or -1)))
            throw new ValueError($"Tensor must be 4-D with last dim 1, 3, or 4, not {tensor.shape.ToTupleString()}");
        name = SummaryOps.CleanTag(name);
        family = SummaryOps.CleanTag(family);
        var g = tensor.graph;
        Tensor summary;
        using (var scope = g.name_scope(family == null ? name : family + "/" + name))
        {
            string tag = family == null ? scope.Name : family + "/" + scope.Name;
            var tagConst = ConstantOps.Constant(g, TensorValue.StringScalar(Encoding.UTF8.GetBytes(tag)), "tag");
            var badColor = TensorValue.Wrap(new byte[] { 255, 0, 0, 255 }, 4);
            summary = g.CreateOp("ImageSummary", new[] { tagConst, tensor }, new[] { DType.String }, scope.Name + "/",
                new Dictionary<string, object> { ["T"] = tensor.dtype, ["max_images"] = maxOutputs, ["bad_color"] = badColor }).Outputs[0];
        }
        foreach (var key in collections ?? new[] { GraphKeys.SUMMARIES }) g.add_to_collection(key, summary);
        return summary;
    }

    private static void Kernel(NodeInfo node, KernelContext ctx)
    {
        var tagValue = ctx.Input(0);
        var images = ctx.Input(1);
        if (tagValue.Rank != 0) throw new InvalidArgumentError($"Tags must be a scalar (node '{node.Name}')");
        var s = images.Shape;
        if (images.Rank != 4 || s[3] is not (1 or 3 or 4))
            throw new InvalidArgumentError($"Tensor must be 4-D with last dim 1, 3, or 4, not {TensorValue.ShapeString(s)} (node '{node.Name}')");
        string baseTag = Encoding.UTF8.GetString(((byte[][])tagValue.Data)[0]);
        int maxImages = node.Attr("max_images", 3);
        int batch = s[0], h = s[1], w = s[2], depth = s[3], size = h * w * depth;
        var summary = new Summary();
        var pixels = new byte[size];
        for (int i = 0; i < Math.Min(batch, maxImages); i++)
        {
            switch (images.DType)
            {
                case DType.UInt8: images.Span<byte>().Slice(i * size, size).CopyTo(pixels); break;
                case DType.Float32: Normalize(images.Span<float>().Slice(i * size, size).ToArray().Select(f => (double)f).ToArray(), depth, pixels, inFloat: true); break;
                default: Normalize(images.Span<double>().Slice(i * size, size).ToArray(), depth, pixels, inFloat: false); break;
            }
            summary.Value.Add(new Summary.Types.Value
            {
                Tag = maxImages == 1 ? baseTag + "/image" : $"{baseTag}/image/{i}",
                Image = new Summary.Types.Image
                {
                    Height = h, Width = w, Colorspace = depth,
                    EncodedImageString = ByteString.CopyFrom(PngEncoder.Encode(pixels, h, w, depth)),
                },
            });
        }
        ((byte[][])ctx.Output(0, Array.Empty<int>()).Data)[0] = summary.ToByteArray();
    }

    // TensorFlow's NormalizeFloatImage: range from finite pixels only, affine map into uint8 (truncating), bad pixels red.
    // inFloat: the affine map is computed in float for float32 images (TensorFlow computes in the image's type).
    private static void Normalize(double[] values, int depth, byte[] pixels, bool inFloat)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        int count = values.Length / depth;
        bool Finite(int p)
        {
            for (int j = 0; j < depth; j++) if (!double.IsFinite(values[p * depth + j])) return false;
            return true;
        }
        for (int p = 0; p < count; p++)
        {
            if (!Finite(p)) continue;
            for (int j = 0; j < depth; j++)
            {
                float v = (float)values[p * depth + j];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        const float zeroThreshold = 1e-6f;
        float scale, offset;
        if (min < 0)
        {
            float maxAbs = Math.Max(Math.Abs(min), Math.Abs(max));
            scale = maxAbs < zeroThreshold ? 0f : 127f / maxAbs;
            offset = 128f;
        }
        else
        {
            scale = max < zeroThreshold ? 0f : 255f / max;
            offset = 0f;
        }
        ReadOnlySpan<byte> bad = stackalloc byte[] { 255, 0, 0, 255 };
        for (int p = 0; p < count; p++)
        {
            bool finite = Finite(p);
            for (int j = 0; j < depth; j++)
                pixels[p * depth + j] = !finite ? bad[j]
                    : inFloat ? (byte)((float)values[p * depth + j] * scale + offset) : (byte)(values[p * depth + j] * scale + offset);
        }
    }
}
