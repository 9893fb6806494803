using System.Numerics;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>GatherV2, UnsortedSegmentSum (Gather's gradient), OneHot, Range, LinSpace and RandomShuffle.</summary>
internal static class GatherOps
{
    private static readonly DType[] All = ShapeArrayOps.All;
    private static readonly DType[] Numeric = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    public static void Register()
    {
        // Gather's gradient (axis 0) sums the incoming rows into the gathered positions: UnsortedSegmentSum, as
        // TensorFlow densifies its IndexedSlices gradient.
        OpRegistry.Register(new OpDef
        {
            Type = "GatherV2", DTypes = All, InferShapes = InferGather,
            Gradient = (op, g) =>
            {
                if (ShapeArrayOps.ConstInt(op.Inputs[2]) != 0) throw new NotSupportedException($"Gradient of '{op.Name}' supports axis 0 only.");
                var p = op.Inputs[0];
                var rows = p.shape.HasRank && p.shape[0] >= 0 ? OpBuilder.IntScalar(op.Graph, p.shape[0])
                    : SliceOps.StridedSlice(ArrayOps.Shape(p), new[] { 0 }, new[] { 1 }, new[] { 1 }, 0, 0, 1);
                return new[] { UnsortedSegmentSum(g[0], op.Inputs[1], rows), null, null };
            },
        });
        KernelRegistry.Register("GatherV2", All, GatherKernel);

        OpRegistry.Register(new OpDef
        {
            Type = "UnsortedSegmentSum", DTypes = Numeric, InferShapes = InferSegmentSum,
            Gradient = (op, g) => new[] { Gather(g[0], op.Inputs[1], 0), null, null },
        });
        KernelRegistry.Register("UnsortedSegmentSum", KernelRegistry.Cpu, DType.Float32, SegmentSumKernel<float>);
        KernelRegistry.Register("UnsortedSegmentSum", KernelRegistry.Cpu, DType.Float64, SegmentSumKernel<double>);
        KernelRegistry.Register("UnsortedSegmentSum", KernelRegistry.Cpu, DType.Int32, SegmentSumKernel<int>);
        KernelRegistry.Register("UnsortedSegmentSum", KernelRegistry.Cpu, DType.Int64, SegmentSumKernel<long>);

        OpRegistry.Register(new OpDef { Type = "OneHot", DTypes = Numeric, NotDifferentiable = true, InferShapes = InferOneHot, KernelDType = op => op.Outputs[0].dtype });
        KernelRegistry.Register("OneHot", KernelRegistry.Cpu, DType.Float32, OneHotKernel<float>);
        KernelRegistry.Register("OneHot", KernelRegistry.Cpu, DType.Float64, OneHotKernel<double>);
        KernelRegistry.Register("OneHot", KernelRegistry.Cpu, DType.Int32, OneHotKernel<int>);
        KernelRegistry.Register("OneHot", KernelRegistry.Cpu, DType.Int64, OneHotKernel<long>);

        OpRegistry.Register(new OpDef { Type = "Range", DTypes = Numeric, NotDifferentiable = true, InferShapes = InferRange });
        KernelRegistry.Register("Range", KernelRegistry.Cpu, DType.Float32, RangeKernel<float>);
        KernelRegistry.Register("Range", KernelRegistry.Cpu, DType.Float64, RangeKernel<double>);
        KernelRegistry.Register("Range", KernelRegistry.Cpu, DType.Int32, RangeKernel<int>);
        KernelRegistry.Register("Range", KernelRegistry.Cpu, DType.Int64, RangeKernel<long>);

        OpRegistry.Register(new OpDef
        {
            Type = "LinSpace", DTypes = Floats, NotDifferentiable = true,
            InferShapes = op => new[] { new TensorShape(ShapeArrayOps.ConstInt(op.Inputs[2]) ?? -1) },
        });
        KernelRegistry.Register("LinSpace", KernelRegistry.Cpu, DType.Float32, LinSpaceKernel<float>);
        KernelRegistry.Register("LinSpace", KernelRegistry.Cpu, DType.Float64, LinSpaceKernel<double>);

        OpRegistry.Register(new OpDef { Type = "RandomShuffle", DTypes = All, IsStateful = true, NotDifferentiable = true, InferShapes = ShapeRules.SameAsInput0 });
        KernelRegistry.Register("RandomShuffle", All, ShuffleKernel);
    }

    // ---- Gather ----

    private static TensorShape[] InferGather(Operation op)
    {
        var p = op.Inputs[0].shape;
        var i = op.Inputs[1].shape;
        int? axisValue = ShapeArrayOps.ConstInt(op.Inputs[2]);
        if (!p.HasRank || !i.HasRank || axisValue == null) return new[] { TensorShape.Unknown };
        int axis = axisValue.Value < -p.ndim || axisValue.Value >= p.ndim
            ? throw new ShapeError($"Shape must be at least rank {axisValue.Value + 1} but is rank {p.ndim}")
            : axisValue.Value < 0 ? axisValue.Value + p.ndim : axisValue.Value;
        return new[] { new TensorShape(p.dims.Take(axis).Concat(i.dims).Concat(p.dims.Skip(axis + 1)).ToArray()) };
    }

    private static long Index(TensorValue indices, int i) => indices.DType == DType.Int64 ? indices.Span<long>()[i] : indices.Span<int>()[i];

    private static Kernel GatherKernel(NodeInfo node) => ctx =>
    {
        var p = ctx.Input(0);
        var indices = ctx.Input(1);
        int axis = ctx.Input(2).Span<int>()[0];
        if (axis < 0) axis += p.Rank;
        if (axis < 0 || axis >= p.Rank) throw new InvalidArgumentError($"Expected axis in the range [{-p.Rank}, {p.Rank}), but got {ctx.Input(2).Span<int>()[0]} (node '{node.Name}')");
        var shape = p.Shape.Take(axis).Concat(indices.Shape).Concat(p.Shape.Skip(axis + 1)).ToArray();
        var dst = ctx.Output(0, shape).Bytes;
        int size = p.DType.Size();
        int outer = p.Shape.Take(axis).Aggregate(1, (a, b) => a * b);
        int n = p.Shape[axis];
        int inner = p.Shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b) * size;
        var src = p.Bytes;
        int count = indices.Length;
        for (int j = 0; j < count; j++)
        {
            long ix = Index(indices, j);
            if (ix < 0 || ix >= n) throw new InvalidArgumentError($"indices[{j}] = {ix} is not in [0, {n}) (node '{node.Name}')");
        }
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
                src.Slice((int)((o * n + Index(indices, j)) * inner), inner).CopyTo(dst.Slice((o * count + j) * inner, inner));
    };

    private static TensorShape[] InferSegmentSum(Operation op)
    {
        var data = op.Inputs[0].shape;
        var ids = op.Inputs[1].shape;
        int? segments = ShapeArrayOps.ConstInt(op.Inputs[2]);
        if (!data.HasRank || !ids.HasRank) return new[] { TensorShape.Unknown };
        return new[] { new TensorShape(new[] { segments ?? -1 }.Concat(data.dims.Skip(ids.ndim)).ToArray()) };
    }

    private static Kernel SegmentSumKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var data = ctx.Input(0);
        var ids = ctx.Input(1);
        int segments = ctx.Input(2).DType == DType.Int64 ? (int)ctx.Input(2).Span<long>()[0] : ctx.Input(2).Span<int>()[0];
        var shape = new[] { segments }.Concat(data.Shape.Skip(ids.Rank)).ToArray();
        var d = ctx.Output(0, shape).Span<T>();
        d.Clear();
        int inner = ids.Length == 0 ? 0 : data.Length / ids.Length;
        var src = data.Span<T>();
        for (int j = 0; j < ids.Length; j++)
        {
            long s = Index(ids, j);
            if (s < 0) continue; // TensorFlow drops negative segment ids
            if (s >= segments) throw new InvalidArgumentError($"segment_ids[{j}] = {s} is out of range [0, {segments}) (node '{node.Name}')");
            var row = d.Slice((int)s * inner, inner);
            var from = src.Slice(j * inner, inner);
            for (int k = 0; k < inner; k++) row[k] += from[k];
        }
    };

    // ---- OneHot ----

    private static TensorShape[] InferOneHot(Operation op)
    {
        var i = op.Inputs[0].shape;
        int? depth = ShapeArrayOps.ConstInt(op.Inputs[1]);
        if (depth is < 0) throw new ShapeError($"depth must be non-negative, got: {depth}");
        if (!i.HasRank) return new[] { TensorShape.Unknown };
        int axis = op.GetAttr<int>("axis");
        if (axis < -1 || axis > i.ndim) throw new ShapeError($"Expected axis to be -1 or between [0, {i.ndim}).  But received: {axis}");
        var dims = i.dims.ToList();
        dims.Insert(axis == -1 ? i.ndim : axis, depth ?? -1);
        return new[] { new TensorShape(dims.ToArray()) };
    }

    private static Kernel OneHotKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        var indices = ctx.Input(0);
        int depth = ctx.Input(1).Span<int>()[0];
        if (depth < 0) throw new InvalidArgumentError($"depth must be non-negative, got: {depth} (node '{node.Name}')");
        T on = ctx.Input(2).Span<T>()[0], off = ctx.Input(3).Span<T>()[0];
        int axis = node.Attr("axis", -1);
        if (axis == -1) axis = indices.Rank;
        var shape = indices.Shape.ToList();
        shape.Insert(axis, depth);
        var d = ctx.Output(0, shape.ToArray()).Span<T>();
        d.Fill(off);
        int outer = indices.Shape.Take(axis).Aggregate(1, (a, b) => a * b);
        int inner = indices.Shape.Skip(axis).Aggregate(1, (a, b) => a * b);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                long c = Index(indices, o * inner + i);
                if (c >= 0 && c < depth) d[(o * depth + (int)c) * inner + i] = on; // out-of-range indices give an all-off row, as in TensorFlow
            }
    };

    // ---- Range / LinSpace ----

    private static TensorShape[] InferRange(Operation op)
    {
        var values = op.Inputs.Select(OpBuilder.ConstantValue).ToArray();
        if (values.Any(v => v == null)) return new[] { new TensorShape(-1) };
        var (start, limit, delta) = (ToDouble(values[0]), ToDouble(values[1]), ToDouble(values[2]));
        return new[] { new TensorShape(RangeCount(start, limit, delta, m => new ShapeError(m))) };
    }

    private static double ToDouble(TensorValue v) => Convert.ToDouble(v.Data.GetValue(0));

    private static int RangeCount(double start, double limit, double delta, Func<string, Exception> error)
    {
        if (delta == 0) throw error("Requires delta != 0");
        if (delta > 0 && start > limit) throw error($"Requires start <= limit when delta > 0: {start}/{limit}");
        if (delta < 0 && start < limit) throw error($"Requires start >= limit when delta < 0: {start}/{limit}");
        return (int)Math.Ceiling(Math.Abs((limit - start) / delta));
    }

    private static Kernel RangeKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        T start = ctx.Input(0).Span<T>()[0], limit = ctx.Input(1).Span<T>()[0], delta = ctx.Input(2).Span<T>()[0];
        int n = RangeCount(double.CreateChecked(start), double.CreateChecked(limit), double.CreateChecked(delta), m => new InvalidArgumentError($"{m} (node '{node.Name}')"));
        var d = ctx.Output(0, stackalloc int[] { n }).Span<T>();
        T v = start;
        for (int i = 0; i < n; i++, v += delta) d[i] = v;
    };

    private static Kernel LinSpaceKernel<T>(NodeInfo node) where T : unmanaged, INumber<T> => ctx =>
    {
        T start = ctx.Input(0).Span<T>()[0], stop = ctx.Input(1).Span<T>()[0];
        int num = ctx.Input(2).Span<int>()[0];
        if (num <= 0) throw new InvalidArgumentError($"Requires num > 0: {num} (node '{node.Name}')");
        var d = ctx.Output(0, stackalloc int[] { num }).Span<T>();
        d[0] = start;
        if (num == 1) return;
        T step = (stop - start) / T.CreateChecked(num - 1);
        for (int i = 1; i < num; i++) d[i] = start + T.CreateChecked(i) * step;
        d[num - 1] = stop;
    };

    // ---- RandomShuffle ----

    // Fisher–Yates over the first dimension, drawing from the node's Philox stream so seeds make runs reproducible.
    private static Kernel ShuffleKernel(NodeInfo node)
    {
        long seed = node.Attr("seed", 0L), seed2 = node.Attr("seed2", 0L);
        return ctx =>
        {
            var x = ctx.Input(0);
            var d = ctx.Output(0, x.Shape);
            var src = x.Bytes;
            var dst = d.Bytes;
            src.CopyTo(dst);
            if (x.Rank == 0 || x.Shape[0] <= 1) return;
            int n = x.Shape[0];
            int row = src.Length / n;
            var generator = ctx.State.Generator(node.Name, seed, seed2).ReserveRandomOutputs(4L * n);
            var order = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i -= 4)
            {
                var block = generator.Next();
                for (int w = 0; w < 4 && i - w > 0; w++)
                {
                    int j = (int)(block[w] % (uint)(i - w + 1));
                    (order[i - w], order[j]) = (order[j], order[i - w]);
                }
            }
            for (int i = 0; i < n; i++) src.Slice(order[i] * row, row).CopyTo(dst.Slice(i * row, row));
        };
    }

    // ---- builders ----

    public static Tensor Gather(Tensor @params, Tensor indices, int axis, string name = null)
    {
        if (indices.dtype is not (DType.Int32 or DType.Int64))
            throw new TypeError($"Value passed to parameter 'indices' has DataType {indices.dtype.Name()} not in list of allowed values: int32, int64");
        return OpBuilder.Op1("GatherV2", new[] { @params, indices, OpBuilder.IntScalar(@params.graph, axis, "GatherV2/axis") }, @params.dtype, name ?? "GatherV2",
            ("Tparams", @params.dtype), ("Tindices", indices.dtype), ("Taxis", DType.Int32));
    }

    public static Tensor UnsortedSegmentSum(Tensor data, Tensor segmentIds, Tensor numSegments, string name = null) =>
        OpBuilder.Op1("UnsortedSegmentSum", new[] { data, segmentIds, numSegments }, data.dtype, name ?? "UnsortedSegmentSum",
            ("T", data.dtype), ("Tindices", segmentIds.dtype), ("Tnumsegments", numSegments.dtype));

    public static Tensor OneHot(Tensor indices, int depth, Tensor on, Tensor off, int axis, string name = null) =>
        OpBuilder.Op1("OneHot", new[] { indices, OpBuilder.IntScalar(indices.graph, depth, "one_hot/depth"), on, off }, on.dtype, name ?? "one_hot",
            ("T", on.dtype), ("TI", indices.dtype), ("axis", axis));

    public static Tensor Range(Tensor start, Tensor limit, Tensor delta, string name = null) =>
        OpBuilder.Op1("Range", new[] { start, limit, delta }, start.dtype, name ?? "range", ("Tidx", start.dtype));

    public static Tensor LinSpace(Tensor start, Tensor stop, int num, string name = null) =>
        OpBuilder.Op1("LinSpace", new[] { start, stop, OpBuilder.IntScalar(start.graph, num, "LinSpace/num") }, start.dtype, name ?? "LinSpace",
            ("T", start.dtype), ("Tidx", DType.Int32));

    public static Tensor RandomShuffle(Tensor value, int? seed, string name = null)
    {
        var (s1, s2) = RandomOps.GetSeed(value.graph, seed);
        return OpBuilder.Op1("RandomShuffle", new[] { value }, value.dtype, name ?? "RandomShuffle", ("T", value.dtype), ("seed", s1), ("seed2", s2));
    }
}
