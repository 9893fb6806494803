namespace GraphTrainer;

/// <summary>
/// Binary math functions with a number on one side, as TF1 code writes them: <c>tf.pow(y_true - y_pred, 2)</c>,
/// <c>tf.maximum(x, 0.0)</c>, <c>tf.add(1, t)</c>. TensorFlow converts the Python number to the tensor's dtype
/// (a Python int to any numeric dtype; a Python float never to an integer one: TypeError); without these overloads
/// the C# number became an int32 or float64 constant and the op failed with a dtype mismatch.
/// </summary>
public static partial class tf
{
    // The number becomes a constant named "y" (or "x") of the tensor's dtype, as TensorFlow's conversion of an op input.
    private static Tensor ScalarLike(Tensor t, double v, string name)
    {
        PythonScalars.RequireConvertible(v, t.dtype);
        return OpBuilder.Scalar(t.graph, v, t.dtype, name);
    }

    private static Tensor ScalarLike(Tensor t, int v, string name) => OpBuilder.Scalar(t.graph, v, t.dtype, name);

    /// <summary><c>tf.add</c> (x + y) with an int y converted to x's dtype.</summary>
    public static Tensor add(Tensor x, int y, string name = null) => add(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.add</c> (x + y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor add(Tensor x, double y, string name = null) => add(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.add</c> (x + y) with an int x converted to y's dtype.</summary>
    public static Tensor add(int x, Tensor y, string name = null) => add(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.add</c> (x + y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor add(double x, Tensor y, string name = null) => add(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.subtract</c> (x − y) with an int y converted to x's dtype.</summary>
    public static Tensor subtract(Tensor x, int y, string name = null) => subtract(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.subtract</c> (x − y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor subtract(Tensor x, double y, string name = null) => subtract(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.subtract</c> (x − y) with an int x converted to y's dtype.</summary>
    public static Tensor subtract(int x, Tensor y, string name = null) => subtract(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.subtract</c> (x − y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor subtract(double x, Tensor y, string name = null) => subtract(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.multiply</c> (x · y) with an int y converted to x's dtype.</summary>
    public static Tensor multiply(Tensor x, int y, string name = null) => multiply(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.multiply</c> (x · y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor multiply(Tensor x, double y, string name = null) => multiply(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.multiply</c> (x · y) with an int x converted to y's dtype.</summary>
    public static Tensor multiply(int x, Tensor y, string name = null) => multiply(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.multiply</c> (x · y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor multiply(double x, Tensor y, string name = null) => multiply(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.divide</c> (x / y) with an int y converted to x's dtype.</summary>
    public static Tensor divide(Tensor x, int y, string name = null) => divide(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.divide</c> (x / y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor divide(Tensor x, double y, string name = null) => divide(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.divide</c> (x / y) with an int x converted to y's dtype.</summary>
    public static Tensor divide(int x, Tensor y, string name = null) => divide(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.divide</c> (x / y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor divide(double x, Tensor y, string name = null) => divide(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.truediv</c> (x / y) with an int y converted to x's dtype.</summary>
    public static Tensor truediv(Tensor x, int y, string name = null) => truediv(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.truediv</c> (x / y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor truediv(Tensor x, double y, string name = null) => truediv(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.truediv</c> (x / y) with an int x converted to y's dtype.</summary>
    public static Tensor truediv(int x, Tensor y, string name = null) => truediv(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.truediv</c> (x / y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor truediv(double x, Tensor y, string name = null) => truediv(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.maximum</c> (max(x, y)) with an int y converted to x's dtype.</summary>
    public static Tensor maximum(Tensor x, int y, string name = null) => maximum(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.maximum</c> (max(x, y)) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor maximum(Tensor x, double y, string name = null) => maximum(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.maximum</c> (max(x, y)) with an int x converted to y's dtype.</summary>
    public static Tensor maximum(int x, Tensor y, string name = null) => maximum(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.maximum</c> (max(x, y)) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor maximum(double x, Tensor y, string name = null) => maximum(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.minimum</c> (min(x, y)) with an int y converted to x's dtype.</summary>
    public static Tensor minimum(Tensor x, int y, string name = null) => minimum(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.minimum</c> (min(x, y)) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor minimum(Tensor x, double y, string name = null) => minimum(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.minimum</c> (min(x, y)) with an int x converted to y's dtype.</summary>
    public static Tensor minimum(int x, Tensor y, string name = null) => minimum(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.minimum</c> (min(x, y)) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor minimum(double x, Tensor y, string name = null) => minimum(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.pow</c> (x^y) with an int y converted to x's dtype.</summary>
    public static Tensor pow(Tensor x, int y, string name = null) => pow(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.pow</c> (x^y) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor pow(Tensor x, double y, string name = null) => pow(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.pow</c> (x^y) with an int x converted to y's dtype.</summary>
    public static Tensor pow(int x, Tensor y, string name = null) => pow(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.pow</c> (x^y) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor pow(double x, Tensor y, string name = null) => pow(ScalarLike(y, x, "x"), y, name);

    /// <summary><c>tf.squared_difference</c> ((x − y)²) with an int y converted to x's dtype.</summary>
    public static Tensor squared_difference(Tensor x, int y, string name = null) => squared_difference(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.squared_difference</c> ((x − y)²) with a float y converted to x's dtype.</summary>
    /// <exception cref="TypeError">x is an integer tensor (TensorFlow refuses to convert a float to it).</exception>
    public static Tensor squared_difference(Tensor x, double y, string name = null) => squared_difference(x, ScalarLike(x, y, "y"), name);
    /// <summary><c>tf.squared_difference</c> ((x − y)²) with an int x converted to y's dtype.</summary>
    public static Tensor squared_difference(int x, Tensor y, string name = null) => squared_difference(ScalarLike(y, x, "x"), y, name);
    /// <summary><c>tf.squared_difference</c> ((x − y)²) with a float x converted to y's dtype.</summary>
    /// <exception cref="TypeError">y is an integer tensor.</exception>
    public static Tensor squared_difference(double x, Tensor y, string name = null) => squared_difference(ScalarLike(y, x, "x"), y, name);
}
