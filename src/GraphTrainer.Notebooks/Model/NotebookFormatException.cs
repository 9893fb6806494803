namespace GraphTrainer.Notebooks;

/// <summary>
/// Thrown when a file is not valid JSON or is not a Jupyter nbformat 4 notebook.
/// The message names the file and, for JSON syntax errors, the 1-based line and position.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message, already naming the source.</param>
    /// <param name="sourceName">File path (or another name for the text) that failed to load; may be null.</param>
    /// <param name="line">1-based line of a JSON syntax error, or null when not known.</param>
    /// <param name="position">1-based byte position within <paramref name="line"/>, or null when not known.</param>
    /// <param name="inner">Underlying parser exception, if any.</param>
    public NotebookFormatException(string message, string sourceName = null, long? line = null, long? position = null, Exception inner = null)
        : base(message, inner)
    {
        SourceName = sourceName;
        Line = line;
        Position = position;
    }

    /// <summary>File path (or other name) of the document that failed to load; null when unnamed.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the JSON syntax error, when the parser reported one.</summary>
    public long? Line { get; }

    /// <summary>1-based byte position within the line of the JSON syntax error, when reported.</summary>
    public long? Position { get; }
}
