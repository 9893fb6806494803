namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The <see cref="ThreadScratch{T}"/> slots the convolution paths (im2col, Winograd, one-channel) use, one numbering for
/// all: a path runs alone on a thread, so they share the buffers.
/// </summary>
internal static class ConvScratch
{
    /// <summary>An im2col tile (im2col) or a block's transformed input tiles (Winograd).</summary>
    public const int Tile = 0;

    /// <summary>One image's unpooled output, when the max-pool is fused.</summary>
    public const int Pooled = 1;

    /// <summary>What the calling thread prepares for all threads: the packed or transformed filter, partial sums.</summary>
    public const int Shared = 2;

    /// <summary>One image with zero borders (planar, NHWC or tile-aligned).</summary>
    public const int Image = 3;

    /// <summary>A block's transform-domain products or output-gradient transforms (Winograd).</summary>
    public const int Products = 4;

    /// <summary>The zero-extended output gradient (Winograd's filter gradient), or the calling thread's flipped filter (its input gradient).</summary>
    public const int Gradient = 5;
}
