using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator emits its kernel launchers into a dynamic assembly named "ILGPURuntime"; they must see the
// internal parameter structs and arithmetic types the kernels take (e.g. GemmShape, Float32Arithmetic).
[assembly: InternalsVisibleTo("ILGPURuntime")]
