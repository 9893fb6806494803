namespace GraphTrainer;

public partial class Tensor
{
    // Scalars on either side take the tensor's dtype, as Python numbers do in TensorFlow.
    private static Tensor Like(Tensor t, double v) => OpBuilder.Scalar(t.graph, v, t.dtype, "y");

    /// <summary>x + y (op name "add").</summary>
    public static Tensor operator +(Tensor x, Tensor y) => MathOps.Add(x, y, "add");
    /// <summary>x + scalar.</summary>
    public static Tensor operator +(Tensor x, double y) => MathOps.Add(x, Like(x, y), "add");
    /// <summary>scalar + y.</summary>
    public static Tensor operator +(double x, Tensor y) => MathOps.Add(Like(y, x), y, "add");
    /// <summary>x − y (op name "sub").</summary>
    public static Tensor operator -(Tensor x, Tensor y) => MathOps.Sub(x, y, "sub");
    /// <summary>x − scalar.</summary>
    public static Tensor operator -(Tensor x, double y) => MathOps.Sub(x, Like(x, y), "sub");
    /// <summary>scalar − y.</summary>
    public static Tensor operator -(double x, Tensor y) => MathOps.Sub(Like(y, x), y, "sub");
    /// <summary>x · y element-wise (op name "mul").</summary>
    public static Tensor operator *(Tensor x, Tensor y) => MathOps.Mul(x, y, "mul");
    /// <summary>x · scalar.</summary>
    public static Tensor operator *(Tensor x, double y) => MathOps.Mul(x, Like(x, y), "mul");
    /// <summary>scalar · y.</summary>
    public static Tensor operator *(double x, Tensor y) => MathOps.Mul(Like(y, x), y, "mul");
    /// <summary>x / y element-wise (op name "truediv").</summary>
    public static Tensor operator /(Tensor x, Tensor y) => MathOps.RealDiv(x, y, "truediv");
    /// <summary>x / scalar.</summary>
    public static Tensor operator /(Tensor x, double y) => MathOps.RealDiv(x, Like(x, y), "truediv");
    /// <summary>scalar / y.</summary>
    public static Tensor operator /(double x, Tensor y) => MathOps.RealDiv(Like(y, x), y, "truediv");
    /// <summary>−x (op name "Neg").</summary>
    public static Tensor operator -(Tensor x) => MathOps.Neg(x, "Neg");
}
