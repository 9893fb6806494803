using GraphTrainer.Runtime;
using ILGPU;
using ILGPU.Runtime;
using Kernel = GraphTrainer.Runtime.Kernel;

namespace GraphTrainer.Gpu;

/// <summary>
/// Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits (float32, float64): one
/// group per row of the last axis, whose threads find the row maximum and Σ exp(x − max) with shared-memory trees, then
/// write the row — the CPU kernels' formulas, element for element, with the sums in tree order.
/// </summary>
internal static class SoftmaxKernels
{
    private const int Softmax = 0, LogSoftmax = 1;

    public static void Register()
    {
        KernelRegistry.Register("Softmax", GpuKernels.Gpu, DType.Float32, _ => Rows<float, F32, MaxF32, SumF32>(Softmax));
        KernelRegistry.Register("Softmax", GpuKernels.Gpu, DType.Float64, _ => Rows<double, F64, MaxF64, SumF64>(Softmax));
        KernelRegistry.Register("LogSoftmax", GpuKernels.Gpu, DType.Float32, _ => Rows<float, F32, MaxF32, SumF32>(LogSoftmax));
        KernelRegistry.Register("LogSoftmax", GpuKernels.Gpu, DType.Float64, _ => Rows<double, F64, MaxF64, SumF64>(LogSoftmax));
        KernelRegistry.Register("SoftmaxCrossEntropyWithLogits", GpuKernels.Gpu, DType.Float32, CrossEntropy<float, F32, MaxF32, SumF32>);
        KernelRegistry.Register("SoftmaxCrossEntropyWithLogits", GpuKernels.Gpu, DType.Float64, CrossEntropy<double, F64, MaxF64, SumF64>);
        KernelRegistry.Register("SparseSoftmaxCrossEntropyWithLogits", GpuKernels.Gpu, DType.Float32, Sparse<float, F32, MaxF32, SumF32>);
        KernelRegistry.Register("SparseSoftmaxCrossEntropyWithLogits", GpuKernels.Gpu, DType.Float64, Sparse<double, F64, MaxF64, SumF64>);
        // The labels are checked on the host (the CPU kernel's out-of-range error), then copied up by the kernel.
        KernelRegistry.SetHostMemoryInputs("SparseSoftmaxCrossEntropyWithLogits", GpuKernels.Gpu, 1);
    }

    // One group per row (looping past the grid limit), with sharedPerThread elements of shared memory per thread.
    private static KernelConfig RowConfig<T>(Accelerator accelerator, int rows, int classes, int sharedPerThread) where T : unmanaged
    {
        int group = DeviceShapes.GroupSize(accelerator, classes);
        return new KernelConfig(DeviceShapes.GroupCount(accelerator, rows), group, SharedMemoryConfig.RequestDynamic<T>(sharedPerThread * group));
    }

    private static Kernel Rows<T, TF, TMax, TSum>(int mode) where T : unmanaged where TF : struct, IFloat<T>
        where TMax : struct, IReducer<T> where TSum : struct, IReducer<T> => ctx =>
    {
        var device = (GpuDevice)ctx.Device;
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        if (x.Length == 0) return;
        int classes = x.Shape[^1];
        var launch = device.Kernel(KernelKey<TF>.For("softmax-rows"), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, int, int, int>(RowsKernel<T, TF, TMax, TSum>));
        launch(RowConfig<T>(device.Accelerator, x.Length / classes, classes, 1), GpuTensor.View<T>(x), GpuTensor.View<T>(y), x.Length / classes, classes, mode);
    };

    /// <summary>The row maximum and Σ exp(x − max) of row <paramref name="start"/>, known to every thread of the group.</summary>
    private static void MaxAndSum<T, TF, TMax, TSum>(ArrayView<T> x, int start, int classes, ArrayView<T> shared, out T max, out T sum)
        where T : unmanaged where TF : struct, IFloat<T> where TMax : struct, IReducer<T> where TSum : struct, IReducer<T>
    {
        var f = default(TF);
        int tid = Group.IdxX, dim = Group.DimX;
        T m = default(TMax).Identity;
        for (int c = tid; c < classes; c += dim) m = default(TMax).Combine(m, x[start + c]);
        shared[tid] = m;
        Group.Barrier();
        DeviceReduction.TreeReduce<T, TMax>(shared, tid, dim);
        max = shared[0];
        Group.Barrier();
        T s = f.Zero;
        for (int c = tid; c < classes; c += dim) s = f.Add(s, f.Exp(f.Sub(x[start + c], max)));
        shared[tid] = s;
        Group.Barrier();
        DeviceReduction.TreeReduce<T, TSum>(shared, tid, dim);
        sum = shared[0];
        Group.Barrier();
    }

    // Softmax: exp(x − max) / Σ; LogSoftmax: x − max − log Σ.
    [GpuKernel(typeof(float), typeof(F32), typeof(MaxF32), typeof(SumF32))]
    [GpuKernel(typeof(double), typeof(F64), typeof(MaxF64), typeof(SumF64))]
    private static void RowsKernel<T, TF, TMax, TSum>(ArrayView<T> x, ArrayView<T> y, int rows, int classes, int mode)
        where T : unmanaged where TF : struct, IFloat<T> where TMax : struct, IReducer<T> where TSum : struct, IReducer<T>
    {
        var f = default(TF);
        var shared = SharedMemory.GetDynamic<T>();
        for (int row = Grid.IdxX; row < rows; row += Grid.DimX)
        {
            int start = row * classes;
            MaxAndSum<T, TF, TMax, TSum>(x, start, classes, shared, out var max, out var sum);
            T logSum = f.Log(sum);
            for (int c = Group.IdxX; c < classes; c += Group.DimX)
            {
                T shifted = f.Sub(x[start + c], max);
                y[start + c] = mode == Softmax ? f.Div(f.Exp(shifted), sum) : f.Sub(shifted, logSum);
            }
        }
    }

    private static Kernel CrossEntropy<T, TF, TMax, TSum>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T>
        where TMax : struct, IReducer<T> where TSum : struct, IReducer<T> => ctx =>
    {
        var device = (GpuDevice)ctx.Device;
        TensorValue logits = ctx.Input(0), labels = ctx.Input(1);
        if (logits.Rank != 2 || !logits.Shape.AsSpan().SequenceEqual(labels.Shape))
            throw new InvalidArgumentError($"logits and labels must be same size: logits_size={TensorValue.ShapeString(logits.Shape)} labels_size={TensorValue.ShapeString(labels.Shape)} (node '{node.Name}')");
        int rows = logits.Shape[0], classes = logits.Shape[1];
        var loss = ctx.Output(0, stackalloc int[] { rows });
        var backprop = ctx.Output(1, logits.Shape);
        if (rows == 0) return;
        // No classes: every row's loss is 0, as on the CPU.
        if (classes == 0) { GpuStorage.Bytes(loss).MemSetToZero(device.Accelerator.DefaultStream); return; }
        var launch = device.Kernel(KernelKey<TF>.For("softmax-xent"), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, int, int>(CrossEntropyKernel<T, TF, TMax, TSum>));
        launch(RowConfig<T>(device.Accelerator, rows, classes, 3), GpuTensor.View<T>(logits), GpuTensor.View<T>(labels),
            GpuTensor.View<T>(loss), GpuTensor.View<T>(backprop), rows, classes);
    };

    // loss = Σlabels · log Σexp(x − max) − Σ labels·(x − max); backprop = exp(x − max)/Σ − labels (the CPU's one-pass form).
    [GpuKernel(typeof(float), typeof(F32), typeof(MaxF32), typeof(SumF32))]
    [GpuKernel(typeof(double), typeof(F64), typeof(MaxF64), typeof(SumF64))]
    private static void CrossEntropyKernel<T, TF, TMax, TSum>(ArrayView<T> logits, ArrayView<T> labels, ArrayView<T> loss, ArrayView<T> backprop, int rows, int classes)
        where T : unmanaged where TF : struct, IFloat<T> where TMax : struct, IReducer<T> where TSum : struct, IReducer<T>
    {
        var f = default(TF);
        int tid = Group.IdxX, dim = Group.DimX;
        var shared = SharedMemory.GetDynamic<T>();
        var first = shared.SubView(0, dim);
        var dots = shared.SubView(dim, dim);
        var labelSums = shared.SubView(2 * dim, dim);
        for (int row = Grid.IdxX; row < rows; row += Grid.DimX)
        {
            int start = row * classes;
            MaxAndSum<T, TF, TMax, TSum>(logits, start, classes, first, out var max, out var sumExp);
            T dot = f.Zero, labelSum = f.Zero;
            for (int c = tid; c < classes; c += dim)
            {
                T label = labels[start + c];
                dot = f.Add(dot, f.Mul(label, f.Sub(logits[start + c], max)));
                labelSum = f.Add(labelSum, label);
            }
            dots[tid] = dot;
            labelSums[tid] = labelSum;
            Group.Barrier();
            DeviceReduction.TreeReduce<T, TSum>(dots, tid, dim);
            DeviceReduction.TreeReduce<T, TSum>(labelSums, tid, dim);
            if (tid == 0) loss[row] = f.Sub(f.Mul(labelSums[0], f.Log(sumExp)), dots[0]);
            for (int c = tid; c < classes; c += dim)
                backprop[start + c] = f.Sub(f.Div(f.Exp(f.Sub(logits[start + c], max)), sumExp), labels[start + c]);
            Group.Barrier();
        }
    }

    private static Kernel Sparse<T, TF, TMax, TSum>(NodeInfo node) where T : unmanaged where TF : struct, IFloat<T>
        where TMax : struct, IReducer<T> where TSum : struct, IReducer<T>
    {
        TensorValue labelsOnDevice = null;
        return ctx =>
        {
            var device = (GpuDevice)ctx.Device;
            TensorValue logits = ctx.Input(0), labels = ctx.Input(1);
            if (logits.Rank != 2 || labels.Rank != 1 || labels.Shape[0] != logits.Shape[0])
                throw new InvalidArgumentError($"logits and labels must have the same first dimension, got logits shape {TensorValue.ShapeString(logits.Shape)} and labels shape {TensorValue.ShapeString(labels.Shape)} (node '{node.Name}')");
            int rows = logits.Shape[0], classes = logits.Shape[1];
            for (int r = 0; r < rows; r++)
                if (LabelAt(labels, r) < 0 || LabelAt(labels, r) >= classes)
                    throw new InvalidArgumentError($"Received a label value of {LabelAt(labels, r)} which is outside the valid range of [0, {classes}).  Label values: {string.Join(" ", Enumerable.Range(0, labels.Length).Select(i => LabelAt(labels, i)))} (node '{node.Name}')");
            var loss = ctx.Output(0, stackalloc int[] { rows });
            var backprop = ctx.Output(1, logits.Shape);
            if (rows == 0) return;
            if (labelsOnDevice == null || labelsOnDevice.DType != labels.DType || !labelsOnDevice.Shape.AsSpan().SequenceEqual(labels.Shape))
                labelsOnDevice = TensorValue.AllocateOn(device, labels.DType, labels.Shape);
            labelsOnDevice.CopyFrom(labels);
            var launch = device.Kernel(KernelKey<TF>.For("softmax-sparse"), a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<byte>, int, ArrayView<T>, ArrayView<T>, int, int>(SparseKernel<T, TF, TMax, TSum>));
            launch(RowConfig<T>(device.Accelerator, rows, classes, 1), GpuTensor.View<T>(logits), GpuTensor.View<byte>(labelsOnDevice),
                labels.DType == DType.Int64 ? 1 : 0, GpuTensor.View<T>(loss), GpuTensor.View<T>(backprop), rows, classes);
        };
    }

    private static long LabelAt(TensorValue labels, int r) => labels.DType == DType.Int64 ? labels.Span<long>()[r] : labels.Span<int>()[r];

    // loss = log Σ − (x[label] − max); backprop = exp(x − max)/Σ, less 1 at the label.
    [GpuKernel(typeof(float), typeof(F32), typeof(MaxF32), typeof(SumF32))]
    [GpuKernel(typeof(double), typeof(F64), typeof(MaxF64), typeof(SumF64))]
    private static void SparseKernel<T, TF, TMax, TSum>(ArrayView<T> logits, ArrayView<byte> labels, int wide, ArrayView<T> loss, ArrayView<T> backprop, int rows, int classes)
        where T : unmanaged where TF : struct, IFloat<T> where TMax : struct, IReducer<T> where TSum : struct, IReducer<T>
    {
        var f = default(TF);
        var shared = SharedMemory.GetDynamic<T>();
        for (int row = Grid.IdxX; row < rows; row += Grid.DimX)
        {
            int start = row * classes;
            MaxAndSum<T, TF, TMax, TSum>(logits, start, classes, shared, out var max, out var sum);
            int label = wide != 0 ? (int)labels.Cast<long>()[row] : labels.Cast<int>()[row];
            if (Group.IdxX == 0) loss[row] = f.Sub(f.Log(sum), f.Sub(logits[start + label], max));
            for (int c = Group.IdxX; c < classes; c += Group.DimX)
            {
                T p = f.Div(f.Exp(f.Sub(logits[start + c], max)), sum);
                backprop[start + c] = c == label ? f.Sub(p, f.One) : p;
            }
        }
    }
}
