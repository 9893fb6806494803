using GraphTrainer.Gpu.Tests.Reductions;
using GraphTrainer.Train;
using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Gpu.Tests.Optimizers;

/// <summary>
/// The fused Apply* updates on the emulated GPU against the CPU kernels: three steps with different gradients, then the
/// variable and every slot compared. The GPU kernels compute the CPU's formulas in its order of operations, so on the
/// emulator (the same IEEE operations, one rounding each) they agree bit for bit; a real GPU's JIT may contract a
/// multiply and an add into one fused multiply-add, so there the budget is 16 ulp of the value's magnitude after three
/// steps (about one rounding per operation of each update's chain, times the steps).
/// </summary>
[Trait("Category", "Gpu")]
[Collection("GpuKernels")]
public class OptimizerAgreementTests
{
    public static TheoryData<string, int[]> Cases()
    {
        var data = new TheoryData<string, int[]>();
        foreach (var optimizer in new[] { "GradientDescent", "Momentum", "Nesterov", "Adam", "RMSProp", "RMSPropMomentum", "Adagrad" })
            foreach (var shape in new[] { new[] { 1 }, new[] { 7 }, new[] { 33, 31 }, new[] { 1025 } })
                data.Add(optimizer, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Three_steps_agree_with_the_cpu_for_float32_and_float64(string optimizer, int[] shape)
    {
        foreach (var (dtype, u) in new[] { (tf.float32, Agreement.U32), (tf.float64, Agreement.U64) })
        {
            int n = shape.Aggregate(1, (p, d) => p * d);
            var g = tf.Graph();
            using var _ = g.as_default();
            var initial = Agreement.Doubles(n, n, -1, 1);
            var w = tf.Variable(dtype == tf.float32 ? tf.constant(np.array(initial.Select(v => (float)v).ToArray()).reshape(shape)) : tf.constant(np.array(initial).reshape(shape)), name: "w");
            var grad = tf.placeholder(dtype, new TensorShape(shape));
            var train = Make(optimizer).apply_gradients(new[] { (grad, w) });
            var apply = g.get_operations().Single(op => op.type.StartsWith("Apply"));
            var variables = tf.global_variables().Select(v => (ITensorOrOperation)(Tensor)v).ToArray();
            NDArray[] Train(Session sess)
            {
                sess.run(tf.global_variables_initializer());
                for (int step = 0; step < 3; step++)
                {
                    var gv = Agreement.Doubles(n, 100 + step, -2, 2);
                    sess.run(train, new FeedDict { [grad] = dtype == tf.float32 ? np.array(gv.Select(v => (float)v).ToArray()).reshape(shape) : np.array(gv).reshape(shape) });
                }
                return sess.run(variables);
            }
            NDArray[] gpu, cpu;
            using (var sess = EmulatedGpu.Session(g))
            {
                gpu = Train(sess);
                Agreement.AssertOnGpu(sess, apply);
            }
            using (var sess = EmulatedGpu.CpuSession(g)) cpu = Train(sess);
            for (int k = 0; k < variables.Length; k++)
            {
                if (EmulatedGpu.Device.IsEmulated) Agreement.Exact(cpu[k], gpu[k]);
                else Agreement.Close(cpu[k], gpu[k], Agreement.ToDoubles(cpu[k]).Select(v => 16 * u * (Math.Abs(v) + 1)).ToArray());
            }
        }
    }

    [Fact]
    public void Mismatched_gradient_shape_is_the_cpu_kernels_error()
    {
        var g = tf.Graph();
        using var _ = g.as_default();
        var w = tf.Variable(tf.constant(new[] { 1f, 2f, 3f }), name: "w");
        var grad = tf.placeholder(tf.float32);
        var train = new GradientDescentOptimizer(0.1).apply_gradients(new[] { (grad, w) });
        using var sess = EmulatedGpu.Session(g);
        sess.run(tf.global_variables_initializer());
        var e = Assert.Throws<InvalidArgumentError>(() => sess.run(train, new FeedDict { [grad] = np.array(new[] { 1f, 2f }) }));
        Assert.Contains("var and delta do not have the same shape: [3] [2]", e.Message);
    }

    private static Optimizer Make(string name) => name switch
    {
        "GradientDescent" => new GradientDescentOptimizer(0.1),
        "Momentum" => new MomentumOptimizer(0.05, 0.9),
        "Nesterov" => new MomentumOptimizer(0.05, 0.9, use_nesterov: true),
        "Adam" => new AdamOptimizer(0.01),
        "RMSProp" => new RMSPropOptimizer(0.01),
        "RMSPropMomentum" => new RMSPropOptimizer(0.01, momentum: 0.5),
        "Adagrad" => new AdagradOptimizer(0.1),
        _ => throw new ArgumentException(name),
    };
}
