using System.Runtime.CompilerServices;

// The GEMM tests force each micro-kernel (GemmKernel) and tune blocking through internal members.
[assembly: InternalsVisibleTo("GraphTrainer.Tests")]
[assembly: InternalsVisibleTo("GraphTrainer.Benchmarks")]
