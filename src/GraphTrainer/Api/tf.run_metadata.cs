using GraphTrainer.IO.Proto;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// TensorFlow's <c>tf.RunOptions</c> for <c>sess.run(..., options:, run_metadata:)</c>:
    /// <c>new tf.RunOptions(trace_level: tf.RunOptions.FULL_TRACE)</c> records per-node step stats.
    /// </summary>
    public sealed class RunOptions
    {
        /// <summary>TensorFlow's RunOptions.TraceLevel.</summary>
        public enum TraceLevel
        {
            /// <summary>No tracing.</summary>
            NO_TRACE = 0,
            /// <summary>Per-node timings (treated as FULL_TRACE here: there is no hardware tracer).</summary>
            SOFTWARE_TRACE = 1,
            /// <summary>As SOFTWARE_TRACE (no hardware tracer on this engine).</summary>
            HARDWARE_TRACE = 2,
            /// <summary>Per-node start times, durations and output sizes.</summary>
            FULL_TRACE = 3,
        }

        /// <summary>No tracing.</summary>
        public const TraceLevel NO_TRACE = TraceLevel.NO_TRACE;
        /// <summary>Software tracing.</summary>
        public const TraceLevel SOFTWARE_TRACE = TraceLevel.SOFTWARE_TRACE;
        /// <summary>Hardware tracing.</summary>
        public const TraceLevel HARDWARE_TRACE = TraceLevel.HARDWARE_TRACE;
        /// <summary>Full tracing.</summary>
        public const TraceLevel FULL_TRACE = TraceLevel.FULL_TRACE;

        /// <summary>Creates the options.</summary>
        public RunOptions(TraceLevel trace_level = TraceLevel.NO_TRACE, bool output_partition_graphs = false)
        {
            this.trace_level = trace_level;
            this.output_partition_graphs = output_partition_graphs;
        }

        /// <summary>How much to trace.</summary>
        public TraceLevel trace_level { get; set; }

        /// <summary>Whether run_metadata gets the graph that was executed (the pruned graph).</summary>
        public bool output_partition_graphs { get; set; }

        /// <summary>The RunOptions proto.</summary>
        public IO.Proto.RunOptions ToProto() => new()
        {
            TraceLevel = (IO.Proto.RunOptions.Types.TraceLevel)(int)trace_level,
            OutputPartitionGraphs = output_partition_graphs,
        };
    }

    /// <summary>
    /// TensorFlow's <c>tf.RunMetadata</c>: filled by a traced <c>sess.run</c> with <see cref="step_stats"/> (one
    /// NodeExecStats per executed node), written for TensorBoard by <c>FileWriter.add_run_metadata</c>.
    /// </summary>
    public sealed class RunMetadata
    {
        /// <summary>Per-device, per-node execution stats of the last traced run.</summary>
        public StepStats step_stats { get; internal set; } = new();

        /// <summary>The executed graphs, when RunOptions.output_partition_graphs was set.</summary>
        public List<GraphDef> partition_graphs { get; } = new();

        /// <summary>The RunMetadata proto.</summary>
        public IO.Proto.RunMetadata ToProto()
        {
            var proto = new IO.Proto.RunMetadata { StepStats = step_stats.Clone() };
            proto.PartitionGraphs.AddRange(partition_graphs);
            return proto;
        }

        /// <summary>The serialized RunMetadata proto (TensorFlow's <c>SerializeToString()</c>).</summary>
        public byte[] SerializeToString() => Google.Protobuf.MessageExtensions.ToByteArray(ToProto());
    }
}
