using GraphTrainer.IO;
using GraphTrainer.Runtime;

namespace GraphTrainer.Train;

/// <summary>
/// TensorFlow 1's <c>tf.train.Saver</c>: saves the values a session holds for a list of variables to a checkpoint
/// (<c>dir/model.ckpt-1000.gtckpt</c>, see docs/checkpoint-format.md), records it in the directory's
/// <c>checkpoint</c> state file keeping the newest <see cref="max_to_keep"/>, and restores them into a session
/// after checking that every variable is present with the same dtype and shape. Checkpoint keys are variable
/// op names (<c>W1</c>, <c>layer1/W</c>) unless a dictionary gives other names. Unlike TensorFlow, no save/restore
/// ops are added to the graph: the saver reads and writes the session's variable store directly.
/// </summary>
public sealed class Saver
{
    private readonly (string Key, RefVariable Variable)[] _variables;
    private readonly List<string> _lastCheckpoints = new();

    /// <summary>A saver for <paramref name="var_list"/> (all global variables of the default graph when null).</summary>
    /// <param name="var_list">Variables to save and restore, keyed by their op names.</param>
    /// <param name="max_to_keep">Checkpoints to keep; older ones are deleted. 0 keeps all.</param>
    public Saver(IEnumerable<RefVariable> var_list = null, int max_to_keep = 5)
        : this((var_list ?? Graph.Default.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES))
            .Select(v => (v?.op.Name, v)).ToArray(), max_to_keep)
    {
    }

    /// <summary>A saver that stores each variable under the given checkpoint key.</summary>
    /// <param name="var_list">Checkpoint key → variable.</param>
    /// <param name="max_to_keep">Checkpoints to keep; 0 keeps all.</param>
    public Saver(IDictionary<string, RefVariable> var_list, int max_to_keep = 5)
        : this((var_list ?? throw new ArgumentNullException(nameof(var_list))).Select(kv => (kv.Key, kv.Value)).ToArray(), max_to_keep)
    {
    }

    private Saver((string Key, RefVariable Variable)[] variables, int maxToKeep)
    {
        if (variables.Length == 0) throw new ValueError("No variables to save");
        if (maxToKeep < 0) throw new ValueError($"max_to_keep must be >= 0 (0 keeps all), got {maxToKeep}.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, variable) in variables)
        {
            if (variable == null) throw new ValueError("var_list contains a null variable.");
            if (string.IsNullOrEmpty(key)) throw new ValueError($"Variable {variable.op.Name} has an empty checkpoint key.");
            if (!keys.Add(key)) throw new ValueError($"At least two variables have the same name: {key}");
            if (variable.graph != variables[0].Variable.graph)
                throw new ValueError($"Variable {variable.op.Name} belongs to a different graph than {variables[0].Variable.op.Name}.");
        }
        _variables = variables;
        max_to_keep = maxToKeep;
    }

    /// <summary>How many checkpoints are kept (0: all).</summary>
    public int max_to_keep { get; }

    /// <summary>Prefixes of the checkpoints this saver wrote that still exist, oldest first.</summary>
    public IReadOnlyList<string> last_checkpoints => _lastCheckpoints.ToArray();

    /// <summary>
    /// Writes the variables' current values to <c>save_path[-global_step]</c> and records it as the latest
    /// checkpoint of its directory (created if missing), deleting checkpoints beyond <see cref="max_to_keep"/>.
    /// </summary>
    /// <param name="sess">The session whose variable values are saved.</param>
    /// <param name="save_path">Checkpoint prefix, e.g. <c>runs/mnist/model.ckpt</c>.</param>
    /// <param name="global_step">Appended to the prefix as <c>-1000</c> when given.</param>
    /// <returns>The checkpoint prefix written, e.g. <c>runs/mnist/model.ckpt-1000</c>.</returns>
    /// <exception cref="FailedPreconditionError">A variable is uninitialized in <paramref name="sess"/> (names it).</exception>
    /// <exception cref="InvalidOperationException"><paramref name="sess"/> is closed.</exception>
    public string save(Session sess, string save_path, long? global_step = null)
    {
        CheckSession(sess);
        ArgumentException.ThrowIfNullOrEmpty(save_path);
        string prefix = global_step is long step ? $"{save_path}-{step}" : save_path;
        var entries = new List<CheckpointEntry>(_variables.Length);
        foreach (var (key, variable) in _variables)
        {
            var value = sess.State.ReadVariableOnHost(variable.op.Name)
                ?? throw new FailedPreconditionError($"Attempting to use uninitialized value {variable.op.Name} (while saving checkpoint {prefix})");
            entries.Add(ToEntry(key, value));
        }
        CheckpointWriter.Write(prefix, entries);
        string dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        var dropped = CheckpointManagement.RecordCheckpoint(dir, prefix, max_to_keep);
        _lastCheckpoints.RemoveAll(p => SamePath(p, prefix) || dropped.Any(d => SamePath(p, d)));
        _lastCheckpoints.Add(prefix);
        return prefix;
    }

    /// <summary>Saves with the step read from the session's value of <paramref name="global_step"/>.</summary>
    /// <param name="sess">The session.</param>
    /// <param name="save_path">Checkpoint prefix.</param>
    /// <param name="global_step">An integer scalar variable, e.g. the one passed to <c>minimize</c>.</param>
    /// <returns>The checkpoint prefix written.</returns>
    public string save(Session sess, string save_path, RefVariable global_step)
    {
        ArgumentNullException.ThrowIfNull(global_step);
        CheckSession(sess);
        var value = sess.State.ReadVariableOnHost(global_step.op.Name)
            ?? throw new FailedPreconditionError($"Attempting to use uninitialized value {global_step.op.Name} (the global_step of a save)");
        long step = value.DType switch
        {
            DType.Int32 when value.Length == 1 => value.ScalarValue<int>(),
            DType.Int64 when value.Length == 1 => value.ScalarValue<long>(),
            _ => throw new TypeError($"global_step {global_step.op.Name} must be an int32 or int64 scalar, not {value.DType.Name()}{TensorValue.ShapeString(value.Shape)}."),
        };
        return save(sess, save_path, step);
    }

    /// <summary>
    /// Loads every variable of this saver from the checkpoint <paramref name="save_path"/> into
    /// <paramref name="sess"/> (no initializer needs to run first). All variables are validated before any is
    /// written, so a failed restore leaves the session unchanged.
    /// </summary>
    /// <param name="sess">The session to restore into.</param>
    /// <param name="save_path">Checkpoint prefix, e.g. from <c>tf.train.latest_checkpoint(dir)</c>.</param>
    /// <exception cref="ValueError">No checkpoint exists at <paramref name="save_path"/>.</exception>
    /// <exception cref="KeyError">A variable is missing from the checkpoint (names the key and the file).</exception>
    /// <exception cref="InvalidArgumentError">A dtype or shape differs (names the variable, the file and both shapes).</exception>
    /// <exception cref="CheckpointCorruptException">The file fails validation (names the file and the damaged entry).</exception>
    public void restore(Session sess, string save_path)
    {
        CheckSession(sess);
        if (save_path == null) throw new ValueError("Can't load save_path when it is None.");
        if (!CheckpointManagement.CheckpointExists(save_path))
            throw new ValueError($"The passed save_path is not a valid checkpoint: {save_path}");
        var contents = CheckpointReader.Read(save_path);
        var values = new List<(string Name, TensorValue Value)>(_variables.Length);
        foreach (var (key, variable) in _variables)
        {
            if (!contents.TryGet(key, out var entry))
                throw new KeyError($"Key {key} not found in checkpoint {save_path} (it holds: {Abbreviate(contents.Names)})");
            if (entry.DType != variable.dtype.Name())
                throw new InvalidArgumentError(
                    $"Dtype mismatch for {key} in checkpoint {save_path}: checkpoint has {entry.DType}, graph variable has {variable.dtype.Name()}");
            var shape = entry.Shape.Select(d => checked((int)d)).ToArray();
            if (!variable.shape.IsCompatibleWith(new TensorShape(shape)))
                throw new InvalidArgumentError(
                    $"Shape mismatch for {key} in checkpoint {save_path}: checkpoint has {entry.ShapeString()}, graph variable has {variable.shape}");
            values.Add((variable.op.Name, FromEntry(entry, variable.dtype, shape)));
        }
        foreach (var (name, value) in values) sess.State.AssignVariable(name, value);
    }

    private void CheckSession(Session sess)
    {
        ArgumentNullException.ThrowIfNull(sess);
        // TensorFlow's RuntimeError for a closed session: close released the values a save would write.
        if (sess.IsClosed)
            throw new InvalidOperationException("Attempted to use a closed Session. Save or restore before closing it: close releases the variable values.");
        var graph = _variables[0].Variable.graph;
        if (sess.graph != graph)
            throw new ValueError($"The session's graph is not the graph of this saver's variables (e.g. {_variables[0].Variable.op.Name}); " +
                "create the Saver after building the graph the session runs.");
    }

    private static CheckpointEntry ToEntry(string key, TensorValue value)
    {
        var shape = value.Shape.Select(d => (long)d).ToArray();
        return value.DType switch
        {
            DType.Float32 => CheckpointEntry.FromValues<float>(key, shape, value.Span<float>()),
            DType.Float64 => CheckpointEntry.FromValues<double>(key, shape, value.Span<double>()),
            DType.Int32 => CheckpointEntry.FromValues<int>(key, shape, value.Span<int>()),
            DType.Int64 => CheckpointEntry.FromValues<long>(key, shape, value.Span<long>()),
            DType.UInt8 => CheckpointEntry.FromValues<byte>(key, shape, value.Span<byte>()),
            DType.Bool => CheckpointEntry.FromValues<bool>(key, shape, value.Span<bool>()),
            _ => throw new NotSupportedException($"Variable {key} has dtype {value.DType.Name()}, which checkpoints cannot store."),
        };
    }

    private static TensorValue FromEntry(CheckpointEntry entry, DType dtype, int[] shape) => dtype switch
    {
        DType.Float32 => TensorValue.Wrap(entry.ToArray<float>(), shape),
        DType.Float64 => TensorValue.Wrap(entry.ToArray<double>(), shape),
        DType.Int32 => TensorValue.Wrap(entry.ToArray<int>(), shape),
        DType.Int64 => TensorValue.Wrap(entry.ToArray<long>(), shape),
        DType.UInt8 => TensorValue.Wrap(entry.ToArray<byte>(), shape),
        DType.Bool => TensorValue.Wrap(entry.ToArray<bool>(), shape),
        _ => throw new NotSupportedException($"Checkpoint entry {entry.Name} has dtype {entry.DType}, which variables cannot hold."),
    };

    private static string Abbreviate(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 20 ? string.Join(", ", list) : string.Join(", ", list.Take(20)) + $", ... ({list.Count} in all)";
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
