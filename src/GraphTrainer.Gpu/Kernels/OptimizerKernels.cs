using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// The fused optimizer updates ApplyGradientDescent, ApplyMomentum (use_nesterov), ApplyAdam, ApplyRMSProp and
/// ApplyAdagrad (float32, float64): one thread per element updates the variable and its slots in place on the device,
/// with the CPU kernels' formulas in their order of operations (OptimizerKernels). Scalar inputs (lr, β powers, …) are
/// read by the kernel from device memory, so a training step copies nothing down. ApplyAdam has no Nesterov variant
/// here because the CPU kernel has none.
/// </summary>
internal static class OptimizerKernels
{
    public static void Register()
    {
        KernelRegistry.Register("ApplyGradientDescent", GpuKernels.Gpu, DType.Float32, GradientDescent<float, F32>);
        KernelRegistry.Register("ApplyGradientDescent", GpuKernels.Gpu, DType.Float64, GradientDescent<double, F64>);
        KernelRegistry.Register("ApplyMomentum", GpuKernels.Gpu, DType.Float32, Momentum<float, F32>);
        KernelRegistry.Register("ApplyMomentum", GpuKernels.Gpu, DType.Float64, Momentum<double, F64>);
        KernelRegistry.Register("ApplyAdam", GpuKernels.Gpu, DType.Float32, Adam<float, F32>);
        KernelRegistry.Register("ApplyAdam", GpuKernels.Gpu, DType.Float64, Adam<double, F64>);
        KernelRegistry.Register("ApplyRMSProp", GpuKernels.Gpu, DType.Float32, RmsProp<float, F32>);
        KernelRegistry.Register("ApplyRMSProp", GpuKernels.Gpu, DType.Float64, RmsProp<double, F64>);
        KernelRegistry.Register("ApplyAdagrad", GpuKernels.Gpu, DType.Float32, Adagrad<float, F32>);
        KernelRegistry.Register("ApplyAdagrad", GpuKernels.Gpu, DType.Float64, Adagrad<double, F64>);
    }

    // The CPU kernels' shape check and error (TrainingOps.CheckShape).
    private static void CheckShape(NodeInfo node, TensorValue var, TensorValue other, string what)
    {
        if (!var.Shape.AsSpan().SequenceEqual(other.Shape))
            throw new InvalidArgumentError($"var and {what} do not have the same shape: {TensorValue.ShapeString(var.Shape)} {TensorValue.ShapeString(other.Shape)} (node '{node.Name}')");
    }

    private static ArrayView<T> V<T>(KernelContext ctx, int input) where T : unmanaged => GpuTensor.View<T>(ctx.Input(input));

    private static Kernel GradientDescent<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T> => ctx =>
    {
        var var = ctx.Input(0);
        CheckShape(node, var, ctx.Input(2), "delta");
        if (var.Length > 0)
        {
            var launch = ((GpuDevice)ctx.Device).Kernel(KernelKey<TF>.For("apply-gd"), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>>(GradientDescentKernel<T, TF>));
            launch(var.Length, V<T>(ctx, 0), V<T>(ctx, 1), V<T>(ctx, 2));
        }
        ctx.SetOutput(0, var);
    };

    // var = delta·(−alpha) + var.
    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void GradientDescentKernel<T, TF>(Index1D i, ArrayView<T> var, ArrayView<T> alpha, ArrayView<T> delta)
        where T : unmanaged where TF : struct, IFloat<T>
    {
        var f = default(TF);
        var[i] = f.Add(f.Mul(delta[i], f.Neg(alpha[0])), var[i]);
    }

    private static Kernel Momentum<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T>
    {
        int nesterov = node.Attr("use_nesterov", false) ? 1 : 0;
        return ctx =>
        {
            var var = ctx.Input(0);
            CheckShape(node, var, ctx.Input(3), "grad");
            if (var.Length > 0)
            {
                var launch = ((GpuDevice)ctx.Device).Kernel(KernelKey<TF>.For("apply-momentum"), a =>
                    a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, int>(MomentumKernel<T, TF>));
                launch(var.Length, V<T>(ctx, 0), V<T>(ctx, 1), V<T>(ctx, 2), V<T>(ctx, 3), V<T>(ctx, 4), nesterov);
            }
            ctx.SetOutput(0, var);
        };
    }

    // accum = accum·momentum + grad; var = accum·(−lr) + var, or with Nesterov var −= grad·lr + accum·momentum·lr.
    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void MomentumKernel<T, TF>(Index1D i, ArrayView<T> var, ArrayView<T> accum, ArrayView<T> lr, ArrayView<T> grad, ArrayView<T> momentum, int nesterov)
        where T : unmanaged where TF : struct, IFloat<T>
    {
        var f = default(TF);
        T m = momentum[0], rate = lr[0], g = grad[i];
        T a = f.Add(f.Mul(accum[i], m), g);
        accum[i] = a;
        var[i] = nesterov != 0
            ? f.Sub(var[i], f.Add(f.Mul(g, rate), f.Mul(f.Mul(a, m), rate)))
            : f.Add(f.Mul(a, f.Neg(rate)), var[i]);
    }

    private static Kernel Adam<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T> => ctx =>
    {
        var var = ctx.Input(0);
        CheckShape(node, var, ctx.Input(9), "grad");
        if (var.Length > 0)
        {
            var launch = ((GpuDevice)ctx.Device).Kernel(KernelKey<TF>.For("apply-adam"), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>,
                    ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>>(AdamKernel<T, TF>));
            launch(var.Length, V<T>(ctx, 0), V<T>(ctx, 1), V<T>(ctx, 2), V<T>(ctx, 3), V<T>(ctx, 4), V<T>(ctx, 5), V<T>(ctx, 6), V<T>(ctx, 7), V<T>(ctx, 8), V<T>(ctx, 9));
        }
        ctx.SetOutput(0, var);
    };

    // lr_t = lr·√(1 − β2^t)/(1 − β1^t); m += (g − m)(1 − β1); v += (g² − v)(1 − β2); var −= m·lr_t / (√v + ε).
    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void AdamKernel<T, TF>(Index1D i, ArrayView<T> var, ArrayView<T> m, ArrayView<T> v, ArrayView<T> beta1Power, ArrayView<T> beta2Power,
        ArrayView<T> lr, ArrayView<T> beta1, ArrayView<T> beta2, ArrayView<T> epsilon, ArrayView<T> grad)
        where T : unmanaged where TF : struct, IFloat<T>
    {
        var f = default(TF);
        T lrT = f.Div(f.Mul(lr[0], f.Sqrt(f.Sub(f.One, beta2Power[0]))), f.Sub(f.One, beta1Power[0]));
        T g = grad[i];
        T mi = f.Add(m[i], f.Mul(f.Sub(g, m[i]), f.Sub(f.One, beta1[0])));
        T vi = f.Add(v[i], f.Mul(f.Sub(f.Mul(g, g), v[i]), f.Sub(f.One, beta2[0])));
        m[i] = mi;
        v[i] = vi;
        var[i] = f.Sub(var[i], f.Div(f.Mul(mi, lrT), f.Add(f.Sqrt(vi), epsilon[0])));
    }

    private static Kernel RmsProp<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T> => ctx =>
    {
        var var = ctx.Input(0);
        CheckShape(node, var, ctx.Input(7), "grad");
        if (var.Length > 0)
        {
            var launch = ((GpuDevice)ctx.Device).Kernel(KernelKey<TF>.For("apply-rmsprop"), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>>(RmsPropKernel<T, TF>));
            launch(var.Length, V<T>(ctx, 0), V<T>(ctx, 1), V<T>(ctx, 2), V<T>(ctx, 3), V<T>(ctx, 4), V<T>(ctx, 5), V<T>(ctx, 6), V<T>(ctx, 7));
        }
        ctx.SetOutput(0, var);
    };

    // ms = ρ·ms + (1 − ρ)·g·g; mom = momentum·mom + lr·g/√(ms + ε); var −= mom.
    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void RmsPropKernel<T, TF>(Index1D i, ArrayView<T> var, ArrayView<T> ms, ArrayView<T> mom, ArrayView<T> lr, ArrayView<T> rho,
        ArrayView<T> momentum, ArrayView<T> epsilon, ArrayView<T> grad)
        where T : unmanaged where TF : struct, IFloat<T>
    {
        var f = default(TF);
        T g = grad[i], r = rho[0];
        T msi = f.Add(f.Mul(r, ms[i]), f.Mul(f.Mul(f.Sub(f.One, r), g), g));
        T momi = f.Add(f.Mul(momentum[0], mom[i]), f.Div(f.Mul(lr[0], g), f.Sqrt(f.Add(msi, epsilon[0]))));
        ms[i] = msi;
        mom[i] = momi;
        var[i] = f.Sub(var[i], momi);
    }

    private static Kernel Adagrad<T, TF>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T> => ctx =>
    {
        var var = ctx.Input(0);
        CheckShape(node, var, ctx.Input(3), "grad");
        if (var.Length > 0)
        {
            var launch = ((GpuDevice)ctx.Device).Kernel(KernelKey<TF>.For("apply-adagrad"), a =>
                a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>>(AdagradKernel<T, TF>));
            launch(var.Length, V<T>(ctx, 0), V<T>(ctx, 1), V<T>(ctx, 2), V<T>(ctx, 3));
        }
        ctx.SetOutput(0, var);
    };

    // accum += g·g; var −= lr·g/√accum.
    [GpuKernel(typeof(float), typeof(F32))]
    [GpuKernel(typeof(double), typeof(F64))]
    private static void AdagradKernel<T, TF>(Index1D i, ArrayView<T> var, ArrayView<T> accum, ArrayView<T> lr, ArrayView<T> grad)
        where T : unmanaged where TF : struct, IFloat<T>
    {
        var f = default(TF);
        T g = grad[i];
        T acc = f.Add(accum[i], f.Mul(g, g));
        accum[i] = acc;
        var[i] = f.Sub(var[i], f.Div(f.Mul(lr[0], g), f.Sqrt(acc)));
    }
}
