namespace GraphTrainer.Gpu;

// Comparisons and logical ops: bool results are bytes 0/1 on the device (as GpuTensor views bool), and a bool operand
// is any nonzero byte. Float comparisons are IEEE: NaN compares false with everything (NotEqual: true), −0 equals +0.

/// <summary>x == y.</summary>
internal readonly struct EqualFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>, IGpuBinary<byte, byte>
{
    public byte Apply(float x, float y) => x == y ? (byte)1 : (byte)0;
    public byte Apply(double x, double y) => x == y ? (byte)1 : (byte)0;
    public byte Apply(int x, int y) => x == y ? (byte)1 : (byte)0;
    public byte Apply(long x, long y) => x == y ? (byte)1 : (byte)0;
    public byte Apply(byte x, byte y) => (x != 0) == (y != 0) ? (byte)1 : (byte)0;
}

/// <summary>x != y.</summary>
internal readonly struct NotEqualFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>, IGpuBinary<byte, byte>
{
    public byte Apply(float x, float y) => x == y ? (byte)0 : (byte)1;
    public byte Apply(double x, double y) => x == y ? (byte)0 : (byte)1;
    public byte Apply(int x, int y) => x == y ? (byte)0 : (byte)1;
    public byte Apply(long x, long y) => x == y ? (byte)0 : (byte)1;
    public byte Apply(byte x, byte y) => (x != 0) == (y != 0) ? (byte)0 : (byte)1;
}

/// <summary>x &lt; y.</summary>
internal readonly struct LessFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>
{
    public byte Apply(float x, float y) => x < y ? (byte)1 : (byte)0;
    public byte Apply(double x, double y) => x < y ? (byte)1 : (byte)0;
    public byte Apply(int x, int y) => x < y ? (byte)1 : (byte)0;
    public byte Apply(long x, long y) => x < y ? (byte)1 : (byte)0;
}

/// <summary>x ≤ y.</summary>
internal readonly struct LessEqualFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>
{
    public byte Apply(float x, float y) => x <= y ? (byte)1 : (byte)0;
    public byte Apply(double x, double y) => x <= y ? (byte)1 : (byte)0;
    public byte Apply(int x, int y) => x <= y ? (byte)1 : (byte)0;
    public byte Apply(long x, long y) => x <= y ? (byte)1 : (byte)0;
}

/// <summary>x &gt; y.</summary>
internal readonly struct GreaterFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>
{
    public byte Apply(float x, float y) => x > y ? (byte)1 : (byte)0;
    public byte Apply(double x, double y) => x > y ? (byte)1 : (byte)0;
    public byte Apply(int x, int y) => x > y ? (byte)1 : (byte)0;
    public byte Apply(long x, long y) => x > y ? (byte)1 : (byte)0;
}

/// <summary>x ≥ y.</summary>
internal readonly struct GreaterEqualFn : IGpuBinary<float, byte>, IGpuBinary<double, byte>, IGpuBinary<int, byte>, IGpuBinary<long, byte>
{
    public byte Apply(float x, float y) => x >= y ? (byte)1 : (byte)0;
    public byte Apply(double x, double y) => x >= y ? (byte)1 : (byte)0;
    public byte Apply(int x, int y) => x >= y ? (byte)1 : (byte)0;
    public byte Apply(long x, long y) => x >= y ? (byte)1 : (byte)0;
}

/// <summary>x ∧ y.</summary>
internal readonly struct LogicalAndFn : IGpuBinary<byte, byte>
{
    public byte Apply(byte x, byte y) => x != 0 && y != 0 ? (byte)1 : (byte)0;
}

/// <summary>x ∨ y.</summary>
internal readonly struct LogicalOrFn : IGpuBinary<byte, byte>
{
    public byte Apply(byte x, byte y) => x != 0 || y != 0 ? (byte)1 : (byte)0;
}

/// <summary>¬x.</summary>
internal readonly struct LogicalNotFn : IGpuUnary<byte, byte>
{
    public byte Apply(byte x) => x != 0 ? (byte)0 : (byte)1;
}
