using System.Globalization;

namespace GraphTrainer;

/// <summary>
/// A (possibly partial) device specification, TensorFlow's <c>tf.DeviceSpec</c>: job, replica, task, device type and
/// device index, each optional. Parses every spelling TensorFlow accepts (<c>/gpu:0</c>, <c>/device:GPU:0</c>,
/// <c>GPU:0</c>, <c>/job:localhost/replica:0/task:0/device:GPU:0</c>) and prints the canonical
/// <c>/job:…/replica:…/task:…/device:TYPE:INDEX</c> form. Unset fields merge from an enclosing spec.
/// </summary>
public sealed class DeviceSpec : IEquatable<DeviceSpec>
{
    // The short spellings "/gpu:0", "CPU:1" TensorFlow 1.15 recognises (DeviceSpec's _VALID_DEVICE_TYPES).
    private static readonly HashSet<string> s_shortDeviceTypes = new(StringComparer.Ordinal) { "CPU", "GPU", "TPU" };

    private string _deviceType;

    /// <summary>Creates a spec; every component is optional (null means unspecified).</summary>
    /// <param name="job">Job name, e.g. <c>localhost</c>.</param>
    /// <param name="replica">Replica index.</param>
    /// <param name="task">Task index.</param>
    /// <param name="device_type">Device type, e.g. <c>GPU</c>; lower-case <c>cpu</c>/<c>gpu</c> become upper-case.</param>
    /// <param name="device_index">Device index; null means any device of the type.</param>
    public DeviceSpec(string job = null, int? replica = null, int? task = null, string device_type = null, int? device_index = null)
    {
        this.job = job;
        this.replica = replica;
        this.task = task;
        this.device_type = device_type;
        this.device_index = device_index;
    }

    /// <summary>Job name, or null.</summary>
    public string job { get; set; }
    /// <summary>Replica index, or null.</summary>
    public int? replica { get; set; }
    /// <summary>Task index, or null.</summary>
    public int? task { get; set; }
    /// <summary>Device type (<c>CPU</c>, <c>GPU</c>, …), or null.</summary>
    public string device_type
    {
        get => _deviceType;
        // TensorFlow keeps lower-case cpu/gpu for backwards compatibility but stores them upper-case.
        set => _deviceType = value is "cpu" or "gpu" ? value.ToUpperInvariant() : value;
    }
    /// <summary>Device index, or null for any.</summary>
    public int? device_index { get; set; }

    /// <summary>
    /// Parses a device string (TensorFlow's <c>DeviceSpec.from_string</c>); null or "" gives an empty spec.
    /// </summary>
    /// <exception cref="ValueError">TensorFlow's texts: <c>Unknown attribute: 'x' in '…'</c>,
    /// <c>Cannot specify multiple device types: …</c>, <c>invalid literal for int() with base 10: '…'</c>.</exception>
    public static DeviceSpec from_string(string spec)
    {
        var result = new DeviceSpec();
        spec ??= "";
        foreach (string part in spec.Split('/'))
        {
            string[] y = part.Split(':');
            int ly = y.Length;
            if (ly == 2 && y[0] == "job") result.job = y[1];
            else if (ly == 2 && y[0] == "replica") result.replica = ParseInt(y[1]);
            else if (ly == 2 && y[0] == "task") result.task = ParseInt(y[1]);
            else if (ly is 1 or 2 && s_shortDeviceTypes.Contains(y[0].ToUpperInvariant()))
            {
                if (result.device_type != null) throw new ValueError($"Cannot specify multiple device types: {spec}");
                result.device_type = y[0].ToUpperInvariant();
                if (ly == 2 && y[1] != "*") result.device_index = ParseInt(y[1]);
            }
            else if (ly == 3 && y[0] == "device")
            {
                if (result.device_type != null) throw new ValueError($"Cannot specify multiple device types: {spec}");
                result.device_type = y[1];
                if (y[2] != "*") result.device_index = ParseInt(y[2]);
            }
            else if (y[0] != "") throw new ValueError($"Unknown attribute: '{y[0]}' in '{spec}'");
        }
        return result;
    }

    /// <summary>TensorFlow 1.x's in-place parse: replaces every component with those of <paramref name="spec"/>.</summary>
    public DeviceSpec parse_from_string(string spec)
    {
        var parsed = from_string(spec);
        (job, replica, task, device_type, device_index) = (parsed.job, parsed.replica, parsed.task, parsed.device_type, parsed.device_index);
        return this;
    }

    /// <summary>The canonical string, e.g. <c>/job:worker/device:GPU:0</c>; "" when nothing is specified.</summary>
    public string to_string()
    {
        var s = new System.Text.StringBuilder();
        if (job != null) s.Append("/job:").Append(job);
        if (replica != null) s.Append("/replica:").Append(replica.Value.ToString(CultureInfo.InvariantCulture));
        if (task != null) s.Append("/task:").Append(task.Value.ToString(CultureInfo.InvariantCulture));
        if (device_type != null)
            s.Append("/device:").Append(device_type).Append(':')
                .Append(device_index?.ToString(CultureInfo.InvariantCulture) ?? "*");
        return s.ToString();
    }

    /// <summary>A new spec: this one with every component <paramref name="dev"/> specifies taken from <paramref name="dev"/>.</summary>
    public DeviceSpec make_merged_spec(DeviceSpec dev)
    {
        ArgumentNullException.ThrowIfNull(dev);
        return new DeviceSpec(dev.job ?? job, dev.replica ?? replica, dev.task ?? task,
            dev.device_type ?? device_type, dev.device_index ?? device_index);
    }

    /// <summary>TensorFlow 1.x's in-place merge: components <paramref name="dev"/> specifies override this spec's.</summary>
    public void merge_from(DeviceSpec dev)
    {
        var merged = make_merged_spec(dev);
        (job, replica, task, device_type, device_index) = (merged.job, merged.replica, merged.task, merged.device_type, merged.device_index);
    }

    /// <summary>
    /// Parses <paramref name="spec"/> (<see cref="from_string"/>), so a string is accepted wherever TensorFlow takes
    /// "a DeviceSpec or a device string"; it also makes <c>tf.device(null)</c> pick the string overload.
    /// </summary>
    /// <exception cref="ValueError">The string is malformed.</exception>
    public static implicit operator DeviceSpec(string spec) => from_string(spec);

    /// <summary>The canonical form of a device string (TensorFlow's <c>device.canonical_name</c>); "" for null.</summary>
    public static string canonical_name(string device) => device == null ? "" : from_string(device).to_string();

    /// <inheritdoc/>
    public bool Equals(DeviceSpec other) => other != null && other.to_string() == to_string();
    /// <inheritdoc/>
    public override bool Equals(object obj) => Equals(obj as DeviceSpec);
    /// <inheritdoc/>
    public override int GetHashCode() => to_string().GetHashCode(StringComparison.Ordinal);
    /// <summary>The canonical string (<see cref="to_string"/>).</summary>
    public override string ToString() => to_string();

    // Python's int(): optional sign and surrounding whitespace, decimal digits; its error text otherwise.
    private static int ParseInt(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out int v) ? v
            : throw new ValueError($"invalid literal for int() with base 10: '{s}'");
}
