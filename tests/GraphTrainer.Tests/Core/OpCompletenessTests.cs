using GraphTrainer.Runtime;
using GraphTrainer.Tests.Gradients;

namespace GraphTrainer.Tests.Core;

/// <summary>Walks the op registry: every op is fully declared and every differentiable op is gradient-checked.</summary>
public class OpCompletenessTests
{
    public static IEnumerable<object[]> Ops => OpRegistry.All.Select(d => new object[] { d.Type });

    [Theory, MemberData(nameof(Ops))]
    public void Op_has_shape_rule_kernels_and_gradient_or_explicit_mark(string type)
    {
        var def = OpRegistry.Get(type);
        Assert.NotNull(def.InferShapes);
        Assert.NotEmpty(def.DTypes);
        foreach (var dtype in def.DTypes)
            Assert.True(KernelRegistry.Has(type, KernelRegistry.Cpu, dtype), $"{type} declares {dtype.Name()} but has no CPU kernel for it");
        Assert.True(def.Gradient != null ^ def.NotDifferentiable, $"{type} must have a gradient or be marked not differentiable (not both)");
        if (def.Gradient != null)
            Assert.True(GradientCheckTests.Rows.Concat(ApiGradientCheckTests.Rows).Any(r => r.OpType == type), $"{type} is differentiable but has no gradient-check row");
    }
}
