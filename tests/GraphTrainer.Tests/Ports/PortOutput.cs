using System.Text;
using GraphTrainer.Notebooks;
using NumSharp;

namespace GraphTrainer.Tests.Ports;

/// <summary>What a port prints through: Python's <c>print</c>, written out and kept so a test can read it back.</summary>
public sealed class TutorialOutput
{
    private readonly TextWriter _stdout;
    private readonly StringBuilder _printed = new();

    /// <summary>Creates the output for one run.</summary>
    public TutorialOutput(TextWriter stdout) => _stdout = stdout ?? throw new ArgumentNullException(nameof(stdout));

    /// <summary>Python's <c>print(*values)</c>: values as Python's <c>str</c> shows them, separated by spaces.</summary>
    public void print(params object[] values)
    {
        string line = string.Join(" ", (values ?? new object[] { null }).Select(Binding.str));
        _stdout.WriteLine(line);
        _printed.AppendLine(line);
    }

    /// <summary>Everything printed so far.</summary>
    public string Printed => _printed.ToString();
}

/// <summary>
/// What matplotlib's <c>figure</c> + <c>imshow</c> grids become in the ports: a grid of grayscale images written as a PNG
/// (GraphTrainer.Notebooks' <see cref="DigitGrid"/>). Sizes in pixels are set by the images themselves.
/// </summary>
public sealed class DigitGridFigure
{
    private readonly int _columns;
    private readonly List<DigitImage> _images = new();

    /// <summary>A grid of <paramref name="rows"/> × <paramref name="columns"/> cells.</summary>
    public DigitGridFigure(int rows, int columns) => _columns = Math.Max(1, columns);

    /// <summary>Kept for the ports' matplotlib sizes; the grid's pixel size follows its images.</summary>
    public int Width { get; set; }

    /// <summary>Kept for the ports' matplotlib sizes.</summary>
    public int Height { get; set; }

    /// <summary>Adds a square grayscale image (values in [0, 1]).</summary>
    public void Add(NDArray image, string title) => _images.Add(DigitImage.FromArray(image.flatten(), title));

    /// <summary>Writes the grid to <paramref name="path"/> (creating its folder) and returns the path.</summary>
    public string SavePng(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
        new DigitGrid(_images, _columns).SavePng(path);
        return path;
    }
}
