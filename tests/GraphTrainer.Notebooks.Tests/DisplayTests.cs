using NumSharp;
using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class DisplayTests
{
    [Fact]
    public void Small_matrix_prints_like_numpy_with_an_html_table()
    {
        var output = Formatters.Format(np.arange(6).reshape(2, 3).astype(NPTypeCode.Int32));

        Assert.Equal("NDArray int32 shape=(2, 3)\n[[0 1 2]\n [3 4 5]]", output.PlainText);
        Assert.Contains("<table>", output.Html);
        Assert.Contains("<td>5</td>", output.Html);
        Assert.Contains("<th>2</th>", output.Html);
    }

    [Fact]
    public void Large_matrix_is_truncated_with_ellipses()
    {
        var output = Formatters.Format(np.arange(400).reshape(20, 20).astype(NPTypeCode.Single));
        string[] lines = output.PlainText.Split('\n');

        Assert.Equal("NDArray float32 shape=(20, 20)", lines[0]);
        Assert.StartsWith("[[  0   1   2   3   4 ...  15  16  17  18  19]", lines[1]);
        Assert.Equal(" ...", lines[6]);
        Assert.EndsWith("395 396 397 398 399]]", lines[^1]);
        Assert.Equal(1 + 10 + 1, lines.Length);   // header, 10 rows shown, one "..." row
        Assert.Contains("<td>…</td>", output.Html);
        Assert.DoesNotContain(">200<", output.Html);
    }

    [Fact]
    public void Vectors_scalars_and_higher_ranks_format()
    {
        Assert.Equal("NDArray float64 shape=(3,)\n[0.5 1.5 2.5]", Formatters.Format(np.array(new[] { 0.5, 1.5, 2.5 })).PlainText);
        Assert.Equal("NDArray int32 shape=()\n7", Formatters.Format(NDArray.Scalar(7)).PlainText);
        var cube = Formatters.Format(np.arange(8).reshape(2, 2, 2).astype(NPTypeCode.Int32));
        Assert.Equal("NDArray int32 shape=(2, 2, 2)\n[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]", cube.PlainText);
        Assert.StartsWith("<div>", cube.Html);
        Assert.Contains("<pre>", cube.Html);
    }

    [Fact]
    public void Display_in_a_file_based_app_prints_the_plain_text()
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            Display.display(new[] { 1, 2, 3 });
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.Equal("[1, 2, 3]" + Environment.NewLine, writer.ToString());
    }

    private sealed record Temperature(double Celsius);

    private interface IShape
    {
    }

    private sealed class Square : IShape
    {
    }

    [Fact]
    public void Registered_formatters_win_for_the_type_and_its_interfaces()
    {
        Formatters.Register<Temperature>(t => DisplayOutput.FromHtml($"<b>{t.Celsius} °C</b>", $"{t.Celsius} C"));
        Formatters.Register<IShape>(_ => DisplayOutput.FromText("a shape"));
        try
        {
            var output = Formatters.Format(new Temperature(21.5));
            Assert.Equal("21.5 C", output.PlainText);
            Assert.Equal("<b>21.5 °C</b>", output.Html);
            Assert.Equal("a shape", Formatters.Format(new Square()).PlainText);
        }
        finally
        {
            Assert.True(Formatters.Unregister<Temperature>());
            Assert.True(Formatters.Unregister<IShape>());
        }
        Assert.Equal("Temperature { Celsius = 21.5 }", Formatters.Format(new Temperature(21.5)).PlainText);
    }
}
