using NumSharp;
using static GraphTrainer.Binding;

namespace GraphTrainer.Tests.Api;

/// <summary>The Python built-ins ported code leans on: str/repr/len/list, str.format, shape unpacking.</summary>
public class PythonBuiltinsTests
{
    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(5.600000083446503, "5.600000083446503")]
    public void Str_of_a_double_is_pythons_repr(double value, string expected) => Assert.Equal(expected, str(value));

    [Fact]
    public void Str_of_float32_values_uses_float32_digits_as_numpy_prints_them()
    {
        Assert.Equal("12.673884", str(12.673884f));
        Assert.Equal("12.673884", str(np.array(new[] { 12.673884f }).reshape(new Shape())));
        Assert.Equal("3", str(3));
        Assert.Equal("True", str(true));
        Assert.Equal("None", str(null));
        Assert.Equal("(55000, 784)", str(new long[] { 55000, 784 }));
        Assert.Equal("(10,)", str(new long[] { 10 }));
        Assert.Equal("[1, 'a']", str(new List<object> { 1, "a" }));
    }

    [Fact]
    public void Repr_of_an_array_is_numpys()
    {
        Assert.Equal("'x'", repr("x"));
        Assert.StartsWith("array([", repr(np.arange(5)));
    }

    [Fact]
    public void Len_list_and_index()
    {
        var a = np.zeros(new Shape(4, 3));
        Assert.Equal(4, len(a));
        Assert.Equal(2, len(a.shape));
        Assert.Throws<TypeError>(() => len(np.array(new[] { 1f }).reshape(new Shape())));
        var oneHot = np.array(new[] { 0.0, 0.0, 1.0, 0.0 });
        Assert.Equal(2, list(oneHot).index(1));
        Assert.Throws<ValueError>(() => list(oneHot).index(7));
    }

    [Fact]
    public void Shapes_unpack_like_python_tuples()
    {
        var (m, n) = np.zeros(new Shape(5, 7)).shape;
        Assert.Equal((5L, 7L), (m, n));
        Assert.Throws<ValueError>(() => { var (_, _) = new long[] { 1, 2, 3 }; });
        TensorShape fromTuple = (None, n);
        Assert.Equal(new TensorShape(-1, 7), fromTuple);
        TensorShape fromShape = np.zeros(new Shape(2, 3)).shape;
        Assert.Equal(new TensorShape(2, 3), fromShape);
    }

    [Theory]
    [InlineData("iter {0:3d}:\t Loss={1:.2f},\tTraining Accuracy={2:.01%}", "iter   0:\t Loss=0.53,\tTraining Accuracy=87.0%")]
    [InlineData("{} and {}", "0 and 0.5251")]
    [InlineData("{1:>8.3f}|{0:<4}|", "   0.525|0   |")]
    [InlineData("{2:.1%} {2:e} {2:g}", "87.0% 8.700000e-01 0.87")]
    [InlineData("{{{0}}}", "{0}")]
    public void Format_follows_pythons_mini_language(string template, string expected) =>
        Assert.Equal(expected, template.format(0, 0.5251, 0.87));

    [Fact]
    public void Format_takes_fetched_scalars_and_shapes_and_rejects_bad_specs()
    {
        var acc = np.array(new[] { 0.97f }).reshape(new Shape());
        Assert.Equal("Epoch: 3, validation accuracy: 97.0%", "Epoch: {0}, validation accuracy: {1:.01%}".format(3, acc));
        Assert.Equal("x_train:\t(55000, 784)", "x_train:\t{}".format(new long[] { 55000, 784 }));
        Assert.Equal("+1,234,567", "{:+,d}".format(1234567));
        Assert.Equal("00042", "{:05d}".format(42));
        Assert.Equal("1e-05", "{:g}".format(0.00001));
        Assert.Throws<ValueError>(() => "{:d}".format(1.5));
        Assert.Throws<ValueError>(() => "{0} {}".format(1, 2));
        Assert.Throws<IndexOutOfRangeException>(() => "{3}".format(1));
    }
}
