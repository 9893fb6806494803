namespace GraphTrainer.Notebooks;

/// <summary>
/// Gathers the outputs of the running cell in order: console text (consecutive writes to the same stream merge
/// into one <see cref="StreamOutput"/>) and <c>display</c> calls. Found through an <see cref="AsyncLocal{T}"/>,
/// so it follows the cell onto whatever threads its tasks use, and two runners in one process do not mix.
/// </summary>
internal sealed class CellOutputCollector
{
    private static readonly AsyncLocal<CellOutputCollector> CurrentCell = new();
    private readonly object _gate = new();
    private readonly List<CellOutput> _outputs = new();
    private bool _closed;

    /// <summary>The collector of the cell whose code is running on this logical flow; null outside a cell.</summary>
    public static CellOutputCollector Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    /// <summary>Appends console text; false when the cell has finished (late writes then go to the real console).</summary>
    public bool TryWrite(string streamName, string text)
    {
        if (string.IsNullOrEmpty(text))
            return true;
        lock (_gate)
        {
            if (_closed)
                return false;
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == streamName)
                last.Text += text;
            else
                _outputs.Add(new StreamOutput(streamName, text));
            return true;
        }
    }

    /// <summary>Appends a <c>display_data</c> output; false when the cell has finished.</summary>
    public bool TryAddDisplay(DisplayOutput display)
    {
        var output = new DisplayDataOutput();
        output.SetFrom(display);
        lock (_gate)
        {
            if (_closed)
                return false;
            _outputs.Add(output);
            return true;
        }
    }

    /// <summary>Stops collecting and returns the outputs gathered. Code still running afterwards (a timed-out cell) writes to the real console.</summary>
    public List<CellOutput> Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _outputs.ToList();
        }
    }
}
