using GraphTrainer.Runtime;
using NumSharp;

namespace GraphTrainer.Tests.Gradients;

/// <summary>
/// TensorFlow's gradient_checker method in float64: the theoretical Jacobian is read row by row from
/// tf.gradients with one-hot grad_ys, the numerical one from central differences of the forward pass.
/// </summary>
public static class GradientChecker
{
    /// <summary>Largest absolute difference between the two Jacobians, over every input.</summary>
    public static double MaxError(Func<Tensor[], Tensor> build, int[][] shapes, (double lo, double hi)[] ranges, int seed = 1, double delta = 1e-4)
    {
        var g = new Graph();
        using var _ = g.as_default();
        var rng = new Random(seed);
        var inputs = shapes.Select((s, i) => tf.placeholder(tf.float64, s, name: $"x{i}")).ToArray();
        var values = shapes.Select((s, i) => RandomArray(rng, s, ranges[i])).ToArray();
        var y = build(inputs);
        if (y.dtype != DType.Float64) y = tf.cast(y, tf.float64);
        var ySize = (int)y.shape.NumElements();
        if (ySize < 0) throw new InvalidOperationException("Gradient check needs a fully known output shape.");
        var gradYs = tf.placeholder(tf.float64, y.shape, name: "grad_ys");
        var grads = tf.gradients(new[] { y }, inputs, new[] { gradYs });
        using var sess = new Session(g);

        double maxError = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (grads[i] == null) throw new InvalidOperationException($"No gradient for input {i}.");
            int n = values[i].Length;
            var theoretical = new double[ySize, n];
            for (int r = 0; r < ySize; r++)
            {
                var oneHot = new double[ySize];
                oneHot[r] = 1;
                var feed = Feed(inputs, values, shapes);
                feed[gradYs] = np.array(oneHot).reshape(y.shape.dims);
                var row = sess.run(grads[i], feed).ToArray<double>();
                for (int c = 0; c < n; c++) theoretical[r, c] = row[c];
            }
            for (int c = 0; c < n; c++)
            {
                double original = values[i][c];
                values[i][c] = original + delta;
                var plus = sess.run(y, Feed(inputs, values, shapes)).ToArray<double>();
                values[i][c] = original - delta;
                var minus = sess.run(y, Feed(inputs, values, shapes)).ToArray<double>();
                values[i][c] = original;
                for (int r = 0; r < ySize; r++)
                    maxError = Math.Max(maxError, Math.Abs((plus[r] - minus[r]) / (2 * delta) - theoretical[r, c]));
            }
        }
        return maxError;
    }

    private static FeedDict Feed(Tensor[] inputs, double[][] values, int[][] shapes)
    {
        var feed = new FeedDict();
        for (int i = 0; i < inputs.Length; i++) feed[inputs[i]] = np.array(values[i]).reshape(shapes[i]);
        return feed;
    }

    private static double[] RandomArray(Random rng, int[] shape, (double lo, double hi) range)
    {
        var n = TensorValue.ElementCount(shape);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = range.lo + rng.NextDouble() * (range.hi - range.lo);
        return a;
    }
}
