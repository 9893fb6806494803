using System.Diagnostics;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;
using GraphTrainer.Runtime;

namespace GraphTrainer;

/// <summary>
/// Collects TensorFlow's StepStats for one traced run: per executed node its name, start time (Unix µs and ns),
/// duration, timeline label and each output's dtype, shape and byte size, under the device that ran it.
/// </summary>
internal sealed class StepStatsCollector
{
    private readonly DeviceStepStats _device;
    private readonly long _baseTimestamp;
    private readonly long _baseUnixNanos;

    public StepStatsCollector(string device)
    {
        _device = new DeviceStepStats { Device = device };
        _baseTimestamp = Stopwatch.GetTimestamp();
        _baseUnixNanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    }

    /// <summary>Records a step that started at <paramref name="startedTimestamp"/> and has just finished.</summary>
    public void Record(Operation op, KernelContext ctx, long startedTimestamp)
    {
        long ended = Stopwatch.GetTimestamp();
        long startNanos = _baseUnixNanos + ToNanos(startedTimestamp - _baseTimestamp);
        long durationNanos = ToNanos(ended - startedTimestamp);
        var node = ctx.Node;
        var stats = new NodeExecStats
        {
            NodeName = node.Name,
            AllStartMicros = startNanos / 1000,
            OpStartRelMicros = 0,
            OpEndRelMicros = durationNanos / 1000,
            AllEndRelMicros = durationNanos / 1000,
            AllStartNanos = startNanos,
            OpEndRelNanos = durationNanos,
            AllEndRelNanos = durationNanos,
            ThreadId = (uint)Environment.CurrentManagedThreadId,
            // TensorFlow's label: "name = Type(input, input)".
            TimelineLabel = $"{node.Name} = {node.Type}({string.Join(", ", node.InputNodeNames)})",
        };
        for (int slot = 0; slot < op.Outputs.Length && slot < ctx.Outputs.Length; slot++)
        {
            var value = ctx.Outputs[slot];
            if (value == null) continue;
            long bytes = value.DType == DType.String ? ((byte[][])value.Data).Take(value.Length).Sum(b => (long)(b?.Length ?? 0)) : (long)value.Length * value.DType.Size();
            var description = new TensorDescription
            {
                Dtype = GraphDefExporter.ToDataType(value.DType),
                Shape = GraphDefExporter.ToShapeProto(new TensorShape(value.Shape)),
                AllocationDescription = new AllocationDescription { RequestedBytes = bytes, AllocatedBytes = bytes, AllocatorName = "cpu" },
            };
            stats.Output.Add(new NodeOutput { Slot = slot, TensorDescription = description });
        }
        _device.NodeStats.Add(stats);
    }

    public StepStats ToStepStats() => new() { DevStats = { _device } };

    private static long ToNanos(long stopwatchTicks) => (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));
}
