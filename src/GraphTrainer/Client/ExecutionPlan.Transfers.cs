using GraphTrainer.Runtime;

namespace GraphTrainer;

internal sealed partial class ExecutionPlan
{
    /// <summary>
    /// The plan's value slots and the device each lives on. A tensor has a home slot on its producer's device (the host
    /// for feeds); a consumer on another device reads a copy in a slot of its own, filled by a transfer step that runs
    /// once per run, right before the first step that needs it — TensorFlow's Send/Recv at a device boundary.
    /// </summary>
    private sealed class SlotDevices
    {
        private readonly ISet<Tensor> _fed;
        private readonly IReadOnlyDictionary<Operation, ComputeDevice> _placement;
        private readonly Dictionary<Tensor, int> _home = new();
        private readonly Dictionary<(Tensor, ComputeDevice), int> _copies = new();
        private readonly HashSet<int> _copySlots = new();

        public SlotDevices(ISet<Tensor> fed, IReadOnlyDictionary<Operation, ComputeDevice> placement)
        {
            _fed = fed;
            _placement = placement;
        }

        /// <summary>True when <paramref name="slot"/> holds a copy made by a transfer step.</summary>
        public bool IsCopy(int slot) => _copySlots.Contains(slot);

        /// <summary>Number of slots handed out.</summary>
        public int Count { get; private set; }

        /// <summary>The slot of <paramref name="tensor"/>'s value where it is produced.</summary>
        public int Home(Tensor tensor)
        {
            if (!_home.TryGetValue(tensor, out int slot)) _home[tensor] = slot = Count++;
            return slot;
        }

        /// <summary>
        /// The slot holding <paramref name="tensor"/> on <paramref name="device"/> (null: wherever it is), adding the
        /// transfer step to <paramref name="steps"/> the first time a copy is needed.
        /// </summary>
        public int SlotFor(Tensor tensor, ComputeDevice device, List<Step> steps)
        {
            int home = Home(tensor);
            var source = HomeDevice(tensor);
            if (device == null || device == source) return home;
            if (_copies.TryGetValue((tensor, device), out int copy)) return copy;
            _copies[(tensor, device)] = copy = Count++;
            _copySlots.Add(copy);
            steps.Add(TransferStep(tensor, source, device, home, copy));
            return copy;
        }

        private ComputeDevice HomeDevice(Tensor tensor) =>
            _fed.Contains(tensor) || !_placement.TryGetValue(tensor.op, out var device) ? ComputeDevice.Host : device;

        private static Step TransferStep(Tensor tensor, ComputeDevice from, ComputeDevice to, int source, int destination)
        {
            var node = new NodeInfo
            {
                Name = $"{tensor.op.Name}/_{(to.IsHost ? "DeviceToHost" : "HostToDevice")}_{tensor.value_index}",
                Type = to.IsHost ? "_DeviceToHost" : "_HostToDevice",
                Attrs = new Dictionary<string, object> { ["send_device"] = from.Name, ["recv_device"] = to.Name },
                InputDTypes = new[] { tensor.dtype },
                OutputDTypes = new[] { tensor.dtype },
                InputNodeNames = new[] { tensor.op.Name },
            };
            return new Step
            {
                Op = tensor.op,
                Transfer = true,
                Kernel = Copy,
                Context = new KernelContext(node, 1, 1, state: null, device: to),
                InputSlots = new[] { source },
                OutputSlots = new[] { destination },
                // An uninitialized variable stays null across the copy, so its reader reports it by name.
                AllowUninitializedInput0 = true,
            };
        }

        private static void Copy(KernelContext ctx)
        {
            var source = ctx.Input(0);
            if (source == null)
            {
                ctx.SetOutput(0, null);
                return;
            }
            ctx.Output(0, source.Shape).CopyFrom(source);
        }
    }
}
