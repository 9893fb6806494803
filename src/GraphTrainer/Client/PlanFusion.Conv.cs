using GraphTrainer.Runtime;

namespace GraphTrainer;

internal static partial class PlanFusion
{
    // [MaxPool(] [Relu(] Add/AddV2/BiasAdd(Conv2D(x, f), bias) [)] [)], NHWC with a [C] bias, or MaxPool(Relu(Conv2D)).
    private static Fused MatchConv(Operation root, Func<Tensor, bool> intermediate)
    {
        var pool = root.Type == "MaxPool" && Nhwc(root) ? root : null;
        var top = pool != null ? root.Inputs[0].op : root;
        if (pool != null && !intermediate(root.Inputs[0])) return null;
        bool relu = top.Type == "Relu";
        var add = relu ? top.Inputs[0].op : top;
        if (relu && !intermediate(top.Inputs[0])) return null;

        Operation conv;
        Tensor bias = null;
        if (add.Type == "Conv2D") conv = add;
        else
        {
            if (add.Type is not ("Add" or "AddV2" or "BiasAdd") || (add.Type == "BiasAdd" && !Nhwc(add))) return null;
            int side = add.Inputs[0].op.Type == "Conv2D" && intermediate(add.Inputs[0]) ? 0
                     : add.Type != "BiasAdd" && add.Inputs[1].op.Type == "Conv2D" && intermediate(add.Inputs[1]) ? 1 : -1;
            if (side < 0) return null;
            conv = add.Inputs[side].op;
            bias = add.Inputs[1 - side];
            if (!IsChannelBias(bias.shape, conv.Outputs[0].shape)) return null;
        }
        if (!Nhwc(conv) || conv.Outputs[0].dtype != root.Outputs[0].dtype) return null;
        if (pool == null && !relu && bias == null) return null; // a bare Conv2D gains nothing

        var absorbed = new List<Operation> { conv };
        if (add != conv && (relu || pool != null)) absorbed.Add(add);
        if (relu && pool != null) absorbed.Add(top);
        if (absorbed.Contains(root)) absorbed.Remove(root);
        var inputs = bias == null ? new[] { conv.Inputs[0], conv.Inputs[1] } : new[] { conv.Inputs[0], conv.Inputs[1], bias };
        var attrs = new Dictionary<string, object>(conv.Attrs) { ["relu"] = relu, ["has_bias"] = bias != null };
        if (pool != null)
        {
            attrs["pool_ksize"] = pool.GetAttr<int[]>("ksize");
            attrs["pool_strides"] = pool.GetAttr<int[]>("strides");
            attrs["pool_padding"] = pool.GetAttr<string>("padding");
        }
        var node = new NodeInfo
        {
            Name = root.Name, Type = FusedOps.Conv2D, Attrs = attrs,
            InputDTypes = inputs.Select(t => t.dtype).ToArray(),
            OutputDTypes = root.Outputs.Select(o => o.dtype).ToArray(),
            InputNodeNames = inputs.Select(t => t.op.Name).ToArray(),
        };
        return new Fused(root, node, inputs, absorbed.ToArray());
    }

    private static bool Nhwc(Operation op) => op.GetAttrOrDefault("data_format", "NHWC") == "NHWC";

    // A bias adds one value per channel: [C], with C the convolution's known output channel count.
    private static bool IsChannelBias(TensorShape bias, TensorShape conv) =>
        bias.IsFullyDefined && bias.ndim == 1 && conv.HasRank && conv.ndim == 4 && conv[3] >= 0 && bias[0] == conv[3];
}
