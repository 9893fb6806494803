namespace GraphTrainer.Runtime.Cpu;

/// <summary>
/// The sizes of one 2-D convolution or pooling window over an NHWC batch: TensorFlow's windowed output size and its
/// asymmetric SAME padding (the extra padded row or column goes to the bottom/right).
/// </summary>
public readonly struct ConvGeometry
{
    /// <summary>Batch, input height, width and channels.</summary>
    public int N { get; init; }
    /// <summary>Input height.</summary>
    public int H { get; init; }
    /// <summary>Input width.</summary>
    public int W { get; init; }
    /// <summary>Input channels.</summary>
    public int C { get; init; }
    /// <summary>Window (filter) height.</summary>
    public int KH { get; init; }
    /// <summary>Window (filter) width.</summary>
    public int KW { get; init; }
    /// <summary>Output channels (the filter's last dimension; equal to C for pooling).</summary>
    public int OC { get; init; }
    /// <summary>Strides along height and width.</summary>
    public int SH { get; init; }
    /// <summary>Stride along width.</summary>
    public int SW { get; init; }
    /// <summary>Dilation along height.</summary>
    public int DH { get; init; }
    /// <summary>Dilation along width.</summary>
    public int DW { get; init; }
    /// <summary>Output height.</summary>
    public int OH { get; init; }
    /// <summary>Output width.</summary>
    public int OW { get; init; }
    /// <summary>Rows of padding above the input.</summary>
    public int PadTop { get; init; }
    /// <summary>Columns of padding left of the input.</summary>
    public int PadLeft { get; init; }

    /// <summary>Depth of one im2col row: KH·KW·C.</summary>
    public int K => KH * KW * C;
    /// <summary>Output positions per image: OH·OW.</summary>
    public int OutPerImage => OH * OW;
    /// <summary>Input elements per image: H·W·C.</summary>
    public int InPerImage => H * W * C;

    /// <summary>Builds the geometry; throws <see cref="InvalidArgumentError"/> with TensorFlow's text when a VALID window does not fit.</summary>
    public static ConvGeometry Create(int n, int h, int w, int c, int kh, int kw, int oc, int sh, int sw, int dh, int dw, string padding)
    {
        var (oh, top) = OutputSize(h, kh, sh, dh, padding);
        var (ow, left) = OutputSize(w, kw, sw, dw, padding);
        return new ConvGeometry
        {
            N = n, H = h, W = w, C = c, KH = kh, KW = kw, OC = oc, SH = sh, SW = sw, DH = dh, DW = dw,
            OH = oh, OW = ow, PadTop = top, PadLeft = left,
        };
    }

    /// <summary>
    /// TensorFlow's GetWindowedOutputSize: VALID gives ⌈(in − effective + 1)/stride⌉, SAME gives ⌈in/stride⌉ with
    /// ⌊total/2⌋ padding before. Throws when a VALID output would be negative.
    /// </summary>
    public static (int Size, int PadBefore) OutputSize(int input, int window, int stride, int dilation, string padding)
    {
        int effective = (window - 1) * dilation + 1;
        if (padding == "VALID")
        {
            int size = (input - effective + stride) / stride;
            if (size < 0)
                throw new InvalidArgumentError($"Computed output size would be negative: {size} [input_size: {input}, effective_filter_size: {effective}, stride: {stride}]");
            return (size, 0);
        }
        int outSize = (input + stride - 1) / stride;
        int total = Math.Max((outSize - 1) * stride + effective - input, 0);
        return (outSize, total / 2);
    }
}
