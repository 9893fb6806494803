using static GraphTrainer.Tests.Gradients.GradientCheckTests;

namespace GraphTrainer.Tests.Gradients;

/// <summary>Gradient-check rows for convolution, pooling, bias and dropout's ops: odd SAME sizes, strides 2, dilations 2, NCHW.</summary>
internal static class ConvGradientRows
{
    private static readonly int[] S1 = { 1, 1, 1, 1 };
    private static readonly int[] S2 = { 1, 2, 2, 1 };
    private static readonly int[] Image = { 2, 5, 5, 2 };

    public static readonly Row[] Rows =
    {
        R("Conv2D", "SAME odd size", x => tf.nn.conv2d(x[0], x[1], S1, "SAME"), (Image, Any), (new[] { 3, 3, 2, 3 }, Any)),
        R("Conv2D", "SAME stride 2, even filter", x => tf.nn.conv2d(x[0], x[1], S2, "SAME"), (Image, Any), (new[] { 2, 2, 2, 3 }, Any)),
        R("Conv2D", "VALID stride 2", x => tf.nn.conv2d(x[0], x[1], S2, "VALID"), (Image, Any), (new[] { 3, 3, 2, 2 }, Any)),
        R("Conv2D", "dilations 2", x => tf.nn.conv2d(x[0], x[1], S1, "SAME", dilations: new[] { 1, 2, 2, 1 }), (Image, Any), (new[] { 2, 2, 2, 2 }, Any)),
        R("Conv2D", "NCHW stride 2", x => tf.nn.conv2d(x[0], x[1], new[] { 1, 1, 2, 2 }, "SAME", data_format: "NCHW"), (new[] { 1, 2, 5, 4 }, Any), (new[] { 3, 3, 2, 2 }, Any)),
        R("Conv2D", "1x1 direct", x => tf.nn.conv2d(x[0], x[1], S1, "VALID"), (new[] { 2, 3, 3, 2 }, Any), (new[] { 1, 1, 2, 3 }, Any)),
        R("MaxPoolWithArgmax", "SAME 2x2 stride 2, odd sizes", x => tf.nn.max_pool_with_argmax(x[0], new[] { 1, 2, 2, 1 }, S2, "SAME").output, (new[] { 2, 5, 3, 2 }, Any)),
        R("DepthwiseConv2dNative", "SAME stride 2, multiplier 2", x => tf.nn.depthwise_conv2d(x[0], x[1], S2, "SAME"), (Image, Any), (new[] { 3, 3, 2, 2 }, Any)),
        R("DepthwiseConv2dNative", "VALID rate 2", x => tf.nn.depthwise_conv2d(x[0], x[1], S1, "VALID", rate: new[] { 2, 2 }), (Image, Any), (new[] { 2, 2, 2, 1 }, Any)),
        R("Conv2DBackpropInput", "of a SAME stride-2 conv",
            x => tf.gradients(tf.reduce_sum(tf.square(tf.nn.conv2d(x[0], x[1], S2, "SAME"))), x[0])[0], (new[] { 1, 4, 5, 2 }, Any), (new[] { 3, 3, 2, 2 }, Any)),
        R("Conv2DBackpropFilter", "of a VALID conv",
            x => tf.gradients(tf.reduce_sum(tf.square(tf.nn.conv2d(x[0], x[1], S1, "VALID"))), x[1])[0], (new[] { 1, 4, 4, 2 }, Any), (new[] { 2, 2, 2, 2 }, Any)),
        R("MaxPool", "2x2 stride 2 SAME, odd size", x => tf.nn.max_pool(x[0], new[] { 1, 2, 2, 1 }, S2, "SAME"), (Image, Any)),
        R("MaxPool", "3x3 stride 1 overlapping", x => tf.nn.max_pool(x[0], new[] { 1, 3, 3, 1 }, S1, "VALID"), (new[] { 1, 4, 4, 3 }, Any)),
        R("MaxPool", "NCHW", x => tf.nn.max_pool(x[0], new[] { 1, 1, 2, 2 }, new[] { 1, 1, 2, 2 }, "VALID", data_format: "NCHW"), (new[] { 1, 2, 4, 4 }, Any)),
        R("AvgPool", "3x3 stride 2 SAME (edge windows partial)", x => tf.nn.avg_pool(x[0], new[] { 1, 3, 3, 1 }, S2, "SAME"), (Image, Any)),
        R("AvgPool", "NCHW", x => tf.nn.avg_pool(x[0], new[] { 1, 1, 2, 2 }, new[] { 1, 1, 2, 2 }, "VALID", data_format: "NCHW"), (new[] { 1, 2, 4, 4 }, Any)),
        R("BiasAdd", "NHWC", x => tf.nn.bias_add(x[0], x[1]), (new[] { 2, 3, 3, 4 }, Any), (new[] { 4 }, Any)),
        R("BiasAdd", "NCHW", x => tf.nn.bias_add(x[0], x[1], data_format: "NCHW"), (new[] { 2, 4, 3, 3 }, Any), (new[] { 4 }, Any)),
        R("PlaceholderWithDefault", "not fed", x => tf.placeholder_with_default(x[0] * 2.0, new TensorShape(2, 3)), (new[] { 2, 3 }, Any)),
        // Floor's gradient is None: away from integers floor(x) + x has slope 1.
        R("Floor", "plus identity", x => tf.floor(x[0]) + x[0], (new[] { 2, 3 }, (0.1, 0.9))),
    };
}
