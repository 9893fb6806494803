using GraphTrainer.Runtime.Cpu;

namespace GraphTrainer.Tests.Runtime;

/// <summary>Sums over leading axes (a bias gradient's shape), with channel counts that whole vectors do not cover.</summary>
public class ColumnSumTests
{
    [Theory]
    [InlineData(1, 39_200, 32)]
    [InlineData(2, 1001, 37)]
    [InlineData(3, 5, 3)]
    public void Sum_over_the_middle_axis_adds_every_row(int outer, int reduced, int inner)
    {
        // Small integers: every partial sum is exact in float32, so the order of the additions cannot matter.
        var rng = new Random(reduced);
        var x = Enumerable.Range(0, outer * reduced * inner).Select(_ => (float)rng.Next(-8, 9)).ToArray();
        var d = new float[outer * inner];
        ReductionKernels.Sum<float>(x, outer, reduced, inner, d);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                float expected = 0;
                for (int r = 0; r < reduced; r++) expected += x[(o * reduced + r) * inner + i];
                Assert.Equal(expected, d[o * inner + i]);
            }
    }
}
