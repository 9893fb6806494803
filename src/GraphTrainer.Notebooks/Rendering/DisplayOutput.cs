namespace GraphTrainer.Notebooks;

/// <summary>
/// A formatted value: a mime bundle from mime type to text (<c>image/png</c> as base64). It becomes a
/// <c>display_data</c> or <c>execute_result</c> output in the notebook; outside the runner its
/// <see cref="PlainText"/> is printed.
/// </summary>
public sealed class DisplayOutput
{
    /// <summary>The <c>text/plain</c> mime type.</summary>
    public const string PlainTextMime = "text/plain";

    /// <summary>The <c>text/html</c> mime type.</summary>
    public const string HtmlMime = "text/html";

    /// <summary>The <c>image/png</c> mime type (value stored as base64).</summary>
    public const string PngMime = "image/png";

    private readonly Dictionary<string, string> _data;

    /// <summary>Creates a bundle. A <c>text/plain</c> entry is required: terminals and the CLI show it.</summary>
    /// <param name="data">Mime type to text; binary types as base64.</param>
    /// <exception cref="ArgumentException">No <c>text/plain</c> entry.</exception>
    public DisplayOutput(IEnumerable<KeyValuePair<string, string>> data)
    {
        _data = new Dictionary<string, string>(data ?? throw new ArgumentNullException(nameof(data)), StringComparer.Ordinal);
        if (!_data.ContainsKey(PlainTextMime))
            throw new ArgumentException("A display output needs a text/plain form.", nameof(data));
    }

    /// <summary>Mime type to text; binary types as base64.</summary>
    public IReadOnlyDictionary<string, string> Data => _data;

    /// <summary>The <c>text/plain</c> form.</summary>
    public string PlainText => _data[PlainTextMime];

    /// <summary>The <c>text/html</c> form, or null.</summary>
    public string Html => _data.GetValueOrDefault(HtmlMime);

    /// <summary>The decoded <c>image/png</c> bytes, or null.</summary>
    public byte[] Png => _data.TryGetValue(PngMime, out var b64) ? Convert.FromBase64String(b64) : null;

    /// <summary>A plain-text output.</summary>
    /// <param name="text">The text.</param>
    public static DisplayOutput FromText(string text) =>
        new(new Dictionary<string, string> { [PlainTextMime] = text ?? "" });

    /// <summary>An HTML output with a plain-text fallback.</summary>
    /// <param name="html">The HTML fragment.</param>
    /// <param name="plainText">Text shown where HTML cannot be; defaults to the HTML itself.</param>
    public static DisplayOutput FromHtml(string html, string plainText = null) =>
        new(new Dictionary<string, string> { [HtmlMime] = html, [PlainTextMime] = plainText ?? html });

    /// <summary>A PNG image output with a plain-text description.</summary>
    /// <param name="png">The encoded PNG.</param>
    /// <param name="plainText">Text shown where images cannot be.</param>
    public static DisplayOutput FromPng(byte[] png, string plainText) =>
        new(new Dictionary<string, string> { [PngMime] = Convert.ToBase64String(png), [PlainTextMime] = plainText ?? "<image>" });

    /// <summary>Returns a copy with <paramref name="mimeType"/> set to <paramref name="value"/>.</summary>
    /// <param name="mimeType">The mime type.</param>
    /// <param name="value">Its text (base64 for binary types).</param>
    public DisplayOutput With(string mimeType, string value)
    {
        var data = new Dictionary<string, string>(_data) { [mimeType] = value };
        return new DisplayOutput(data);
    }

    /// <summary>The plain-text form.</summary>
    public override string ToString() => PlainText;
}
