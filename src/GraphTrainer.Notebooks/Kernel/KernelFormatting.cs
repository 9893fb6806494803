using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Hands <see cref="Formatters"/> to the .NET Interactive kernel's formatting
/// (<c>Microsoft.DotNet.Interactive.Formatting.Formatter</c>), so the kernel's own <c>display(x)</c> and a cell's last
/// expression render tensors, operations, graphs and NDArrays as HTML tables and digit grids and charts as PNG images.
/// The package's kernel extension (<c>interactive-extensions/dotnet/extension.dib</c>) calls <see cref="Register"/> when
/// a notebook references the package with <c>#r "nuget: GraphTrainer.Notebooks, ..."</c>.
/// </summary>
public static class KernelFormatting
{
    private const string PngMime = DisplayOutput.PngMime;
    private const string HtmlMime = DisplayOutput.HtmlMime;
    private const string PlainMime = DisplayOutput.PlainTextMime;

    /// <summary>Types whose display is an image: shown as <c>image/png</c>, with the text form beside it.</summary>
    public static IReadOnlyList<Type> ImageTypes { get; } = new[] { typeof(DigitImage), typeof(DigitGrid), typeof(LineChart) };

    /// <summary>
    /// Registers a <c>text/plain</c>, <c>text/html</c> and <c>image/png</c> formatter with the kernel for every type
    /// <see cref="Formatters"/> knows (except <see cref="string"/>, which stays the kernel's), and makes
    /// <c>image/png</c> the preferred form of <see cref="ImageTypes"/> and <c>text/html</c> that of the others.
    /// Registering again replaces the earlier registration.
    /// </summary>
    public static void Register()
    {
        foreach (var type in Formatters.RegisteredTypes.Where(t => t != typeof(string)))
        {
            Formatter.Register(type, (value, writer) => writer.Write(Formatters.Format(value).PlainText), PlainMime);
            Formatter.Register(type, (value, writer) => writer.Write(Html(Formatters.Format(value))), HtmlMime);
            Formatter.Register(type, (value, writer) => writer.Write(Formatters.Format(value).Data.GetValueOrDefault(PngMime) ?? ""), PngMime);
            bool image = ImageTypes.Contains(type);
            Formatter.SetPreferredMimeTypesFor(type, image ? new[] { PngMime, PlainMime } : new[] { HtmlMime, PlainMime });
        }
    }

    /// <summary>
    /// The HTML form of <paramref name="output"/>: its own HTML, else its PNG as an inline image, else its text in a
    /// <c>&lt;pre&gt;</c>.
    /// </summary>
    /// <param name="output">A formatted value.</param>
    public static string Html(DisplayOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Html != null)
            return output.Html;
        if (output.Data.TryGetValue(PngMime, out var png))
            return $"<img src=\"data:image/png;base64,{png}\" alt=\"{WebUtility.HtmlEncode(output.PlainText)}\" />";
        return $"<pre>{WebUtility.HtmlEncode(output.PlainText)}</pre>";
    }
}
