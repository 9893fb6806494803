using System.Runtime.Intrinsics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The transforms of one Winograd F(m×m, r×r) algorithm over 16 channels at a time (generated: gen_winograd.py).
/// Transform-domain values are α² = (m + r − 1)² vectors, point (a, b) at index a·α + b.
/// </summary>
internal unsafe interface IWinogradTransform
{
    /// <summary>Output tile side.</summary>
    static abstract int M { get; }

    /// <summary>Filter side.</summary>
    static abstract int R { get; }

    /// <summary>Input tile side, m + r − 1.</summary>
    static abstract int Alpha { get; }

    /// <summary>V = Bᵀ d B of the α×α input tile at src.</summary>
    static abstract void Input(float* src, nint rowStride, nint colStride, float* dst, nint dstStride);

    /// <summary>Y = Aᵀ M A (+ bias, then ReLU); stores the first rows × cols of the m×m tile.</summary>
    static abstract void Output(float* src, nint srcStride, float* dst, nint rowStride, nint colStride, Vector512<float> bias, bool relu, int rows, int cols);

    /// <summary>dM = A dY Aᵀ of the m×m output-gradient tile at src.</summary>
    static abstract void OutputGradient(float* src, nint rowStride, nint colStride, float* dst, nint dstStride);

    /// <summary>U = G g Gᵀ of the r×r filter taps at src.</summary>
    static abstract void Filter(float* src, nint rowStride, nint colStride, float* dst, nint dstStride);

    /// <summary>dg = Gᵀ dU G, to the r×r filter taps at dst.</summary>
    static abstract void FilterGradient(float* src, nint srcStride, float* dst, nint rowStride, nint colStride);
}
