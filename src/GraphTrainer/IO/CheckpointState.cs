using System.Text;

namespace GraphTrainer.IO;

/// <summary>
/// Contents of the <c>checkpoint</c> file TensorFlow keeps in a checkpoint directory: the
/// latest checkpoint prefix and all retained ones, oldest first. Serialized in protobuf
/// text format exactly like TensorFlow's CheckpointState proto:
/// <code>
/// model_checkpoint_path: "model.ckpt-1000"
/// all_model_checkpoint_paths: "model.ckpt-900"
/// all_model_checkpoint_paths: "model.ckpt-1000"
/// </code>
/// </summary>
public sealed class CheckpointState
{
    private const string ModelKey = "model_checkpoint_path";
    private const string AllKey = "all_model_checkpoint_paths";

    /// <summary>
    /// Creates a state. As in TensorFlow, <paramref name="modelCheckpointPath"/> is appended
    /// to the list when it is not already its last element.
    /// </summary>
    /// <param name="modelCheckpointPath">Latest checkpoint prefix.</param>
    /// <param name="allModelCheckpointPaths">Retained prefixes, oldest first; null for none.</param>
    public CheckpointState(string modelCheckpointPath, IEnumerable<string> allModelCheckpointPaths = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelCheckpointPath);
        var all = allModelCheckpointPaths?.ToList() ?? [];
        if (all.Count == 0 || all[^1] != modelCheckpointPath) all.Add(modelCheckpointPath);
        ModelCheckpointPath = modelCheckpointPath;
        AllModelCheckpointPaths = all;
    }

    /// <summary>Latest checkpoint prefix (relative to the directory, or absolute).</summary>
    public string ModelCheckpointPath { get; }

    /// <summary>Retained checkpoint prefixes, oldest first; the last is <see cref="ModelCheckpointPath"/>.</summary>
    public IReadOnlyList<string> AllModelCheckpointPaths { get; }

    /// <summary>Serializes to protobuf text format.</summary>
    /// <returns>The file content.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(ModelKey).Append(": ").Append(ProtoTextFormat.Quote(Encoding.UTF8.GetBytes(ModelCheckpointPath))).Append('\n');
        foreach (string p in AllModelCheckpointPaths) sb.Append(AllKey).Append(": ").Append(ProtoTextFormat.Quote(Encoding.UTF8.GetBytes(p))).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Parses protobuf text format as written by us or TensorFlow. Fields other than the two
    /// paths (e.g. TensorFlow's all_model_checkpoint_timestamps) are ignored.
    /// </summary>
    /// <param name="text">File content.</param>
    /// <returns>The state.</returns>
    /// <exception cref="FormatException">Malformed text, or no model_checkpoint_path.</exception>
    public static CheckpointState Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string model = null;
        var all = new List<string>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"Line {n + 1}: expected 'field: value', got '{line}'.");
            string key = line[..colon].Trim();
            if (key != ModelKey && key != AllKey) continue;
            string value = ParseQuoted(line[(colon + 1)..].Trim(), n + 1);
            if (key == ModelKey) model = value;
            else all.Add(value);
        }
        if (string.IsNullOrEmpty(model)) throw new FormatException($"Checkpoint state has no {ModelKey}.");
        return new CheckpointState(model, all);
    }

    private static string ParseQuoted(string token, int lineNo)
    {
        if (token.Length < 2 || (token[0] != '"' && token[0] != '\'') || token[^1] != token[0])
            throw new FormatException($"Line {lineNo}: expected a quoted string, got '{token}'.");
        string body = token[1..^1];
        var bytes = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                // Copy the whole run up to the next escape so surrogate pairs stay together.
                int next = body.IndexOf('\\', i);
                if (next < 0) next = body.Length;
                bytes.AddRange(Encoding.UTF8.GetBytes(body[i..next]));
                i = next - 1;
                continue;
            }
            if (++i >= body.Length) throw new FormatException($"Line {lineNo}: dangling backslash.");
            char e = body[i];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '"': case '\'': case '\\': case '?': bytes.Add((byte)e); break;
                case 'x':
                    int hexStart = i + 1, hexEnd = hexStart;
                    while (hexEnd < body.Length && hexEnd - hexStart < 2 && Uri.IsHexDigit(body[hexEnd])) hexEnd++;
                    if (hexEnd == hexStart) throw new FormatException($"Line {lineNo}: bad \\x escape.");
                    bytes.Add(Convert.ToByte(body[hexStart..hexEnd], 16));
                    i = hexEnd - 1;
                    break;
                case >= '0' and <= '7':
                    int octEnd = i;
                    while (octEnd < body.Length && octEnd - i < 3 && body[octEnd] is >= '0' and <= '7') octEnd++;
                    int value = Convert.ToInt32(body[i..octEnd], 8);
                    if (value > 0xFF) throw new FormatException($"Line {lineNo}: octal escape out of range.");
                    bytes.Add((byte)value);
                    i = octEnd - 1;
                    break;
                default:
                    throw new FormatException($"Line {lineNo}: unknown escape '\\{e}'.");
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
