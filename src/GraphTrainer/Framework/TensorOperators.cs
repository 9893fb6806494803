namespace GraphTrainer;

public partial class Tensor
{
    // Scalars on either side take the tensor's dtype, as Python numbers do in TensorFlow; a C# double is a
    // Python float, which TensorFlow refuses to convert to an integer dtype (no silent rounding).
    private static Tensor Like(Tensor t, double v)
    {
        PythonScalars.RequireConvertible(v, t.dtype);
        return OpBuilder.Scalar(t.graph, v, t.dtype, "y");
    }

    // A C# int or long is a Python int: it converts to any numeric dtype.
    private static Tensor Like(Tensor t, long v) => OpBuilder.Scalar(t.graph, v, t.dtype, "y");

    /// <summary>x + y (op name "add").</summary>
    public static Tensor operator +(Tensor x, Tensor y) => MathOps.Add(x, y, "add");
    /// <summary>x + scalar.</summary>
    public static Tensor operator +(Tensor x, double y) => MathOps.Add(x, Like(x, y), "add");
    /// <summary>x + int scalar.</summary>
    public static Tensor operator +(Tensor x, int y) => MathOps.Add(x, Like(x, y), "add");
    /// <summary>x + long scalar.</summary>
    public static Tensor operator +(Tensor x, long y) => MathOps.Add(x, Like(x, y), "add");
    /// <summary>scalar + y.</summary>
    public static Tensor operator +(double x, Tensor y) => MathOps.Add(Like(y, x), y, "add");
    /// <summary>int scalar + y.</summary>
    public static Tensor operator +(int x, Tensor y) => MathOps.Add(Like(y, x), y, "add");
    /// <summary>long scalar + y.</summary>
    public static Tensor operator +(long x, Tensor y) => MathOps.Add(Like(y, x), y, "add");
    /// <summary>x − y (op name "sub").</summary>
    public static Tensor operator -(Tensor x, Tensor y) => MathOps.Sub(x, y, "sub");
    /// <summary>x − scalar.</summary>
    public static Tensor operator -(Tensor x, double y) => MathOps.Sub(x, Like(x, y), "sub");
    /// <summary>x − int scalar.</summary>
    public static Tensor operator -(Tensor x, int y) => MathOps.Sub(x, Like(x, y), "sub");
    /// <summary>x − long scalar.</summary>
    public static Tensor operator -(Tensor x, long y) => MathOps.Sub(x, Like(x, y), "sub");
    /// <summary>scalar − y.</summary>
    public static Tensor operator -(double x, Tensor y) => MathOps.Sub(Like(y, x), y, "sub");
    /// <summary>int scalar − y.</summary>
    public static Tensor operator -(int x, Tensor y) => MathOps.Sub(Like(y, x), y, "sub");
    /// <summary>long scalar − y.</summary>
    public static Tensor operator -(long x, Tensor y) => MathOps.Sub(Like(y, x), y, "sub");
    /// <summary>x · y element-wise (op name "mul").</summary>
    public static Tensor operator *(Tensor x, Tensor y) => MathOps.Mul(x, y, "mul");
    /// <summary>x · scalar.</summary>
    public static Tensor operator *(Tensor x, double y) => MathOps.Mul(x, Like(x, y), "mul");
    /// <summary>x · int scalar.</summary>
    public static Tensor operator *(Tensor x, int y) => MathOps.Mul(x, Like(x, y), "mul");
    /// <summary>x · long scalar.</summary>
    public static Tensor operator *(Tensor x, long y) => MathOps.Mul(x, Like(x, y), "mul");
    /// <summary>scalar · y.</summary>
    public static Tensor operator *(double x, Tensor y) => MathOps.Mul(Like(y, x), y, "mul");
    /// <summary>int scalar · y.</summary>
    public static Tensor operator *(int x, Tensor y) => MathOps.Mul(Like(y, x), y, "mul");
    /// <summary>long scalar · y.</summary>
    public static Tensor operator *(long x, Tensor y) => MathOps.Mul(Like(y, x), y, "mul");
    /// <summary>x / y element-wise (op name "truediv").</summary>
    public static Tensor operator /(Tensor x, Tensor y) => MathOps.RealDiv(x, y, "truediv");
    /// <summary>x / scalar.</summary>
    public static Tensor operator /(Tensor x, double y) => MathOps.RealDiv(x, Like(x, y), "truediv");
    /// <summary>x / int scalar.</summary>
    public static Tensor operator /(Tensor x, int y) => MathOps.RealDiv(x, Like(x, y), "truediv");
    /// <summary>x / long scalar.</summary>
    public static Tensor operator /(Tensor x, long y) => MathOps.RealDiv(x, Like(x, y), "truediv");
    /// <summary>scalar / y.</summary>
    public static Tensor operator /(double x, Tensor y) => MathOps.RealDiv(Like(y, x), y, "truediv");
    /// <summary>int scalar / y.</summary>
    public static Tensor operator /(int x, Tensor y) => MathOps.RealDiv(Like(y, x), y, "truediv");
    /// <summary>long scalar / y.</summary>
    public static Tensor operator /(long x, Tensor y) => MathOps.RealDiv(Like(y, x), y, "truediv");
    /// <summary>−x (op name "Neg").</summary>
    public static Tensor operator -(Tensor x) => MathOps.Neg(x, "Neg");
}
