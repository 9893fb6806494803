using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator emits a dynamic assembly named "ILGPURuntime" that calls the kernels with their parameter
// types; internal function structs and parameter structs (BroadcastMap, IGpuBinary implementations) must be visible to it.
[assembly: InternalsVisibleTo("ILGPURuntime")]
