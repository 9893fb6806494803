using System.Net;
using Google.Protobuf;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.IO;

/// <summary>
/// Writes a TensorBoard event file: <c>events.out.tfevents.&lt;unix seconds&gt;.&lt;hostname&gt;&lt;suffix&gt;</c>
/// in a log directory, as TensorFlow's FileWriter / EventsWriter do. The file is a TFRecord
/// stream of serialized <see cref="Event"/> protos; the first holds
/// <c>file_version = "brain.Event:2"</c>.
/// <para>
/// Thread-safe: any thread may add events. Records are buffered in memory and reach the
/// file on <see cref="Flush"/>, on <see cref="Dispose"/>, when the buffer fills, and every
/// flush interval (120 s by default, as in TensorFlow) from a timer. An I/O error in the
/// timer's flush is not lost: the next call on the writer rethrows it.
/// </para>
/// </summary>
public sealed class EventFileWriter : IDisposable
{
    /// <summary>The file_version string of the first event.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>TensorFlow's default flush interval (tf.summary.FileWriter flush_secs).</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(120);

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly TfRecordWriter _records;
    private readonly Timer _timer;
    // Tags whose plugin metadata has been written; TensorFlow's FileWriter writes a tag's
    // metadata only with its first value because TensorBoard remembers it per tag.
    private readonly HashSet<string> _tagsWithMetadata = new(StringComparer.Ordinal);
    private Exception _backgroundError;
    private bool _closed;
    private readonly int _maxQueue;
    private int _pending;

    /// <summary>Creates the log directory if needed and starts a new event file in it.</summary>
    /// <param name="logdir">Directory TensorBoard will be pointed at.</param>
    /// <param name="filenameSuffix">Appended to the file name (e.g. ".v2" or "-train").</param>
    /// <param name="flushInterval">Period of the background flush; null means
    /// <see cref="DefaultFlushInterval"/>, <see cref="TimeSpan.Zero"/> or
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it.</param>
    /// <param name="maxQueue">
    /// TensorFlow's <c>max_queue</c>: after this many events the buffered records are handed to the operating system
    /// (not fsynced), so a process that ends without <see cref="Close"/> loses at most the last few.
    /// </param>
    public EventFileWriter(string logdir, string filenameSuffix = "", TimeSpan? flushInterval = null, int maxQueue = 10)
    {
        if (maxQueue < 1) throw new ArgumentOutOfRangeException(nameof(maxQueue), maxQueue, "max_queue must be at least 1.");
        _maxQueue = maxQueue;
        ArgumentException.ThrowIfNullOrEmpty(logdir);
        filenameSuffix ??= "";
        if (filenameSuffix.IndexOfAny(['/', '\\']) >= 0)
            throw new ArgumentException("Filename suffix must not contain path separators.", nameof(filenameSuffix));

        LogDir = Path.GetFullPath(logdir);
        Directory.CreateDirectory(LogDir);
        double now = UnixNow();
        (_file, FilePath) = CreateEventFile(LogDir, (long)now, filenameSuffix);
        _records = new TfRecordWriter(_file, leaveOpen: true);
        try
        {
            WriteLocked(new Event { WallTime = now, FileVersion = FileVersion });
            // Flush the version record at once so a reader started right away sees a valid file.
            _records.Flush();
            _pending = 0;
        }
        catch
        {
            _file.Dispose();
            throw;
        }

        TimeSpan period = flushInterval ?? DefaultFlushInterval;
        bool timed = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan;
        _timer = timed ? new Timer(_ => BackgroundFlush(), null, period, period) : null;
        EventWriterExitFlush.Register(this);
    }

    /// <summary>Absolute path of the log directory.</summary>
    public string LogDir { get; }

    /// <summary>Absolute path of the event file being written.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Writes an event. A zero <see cref="Event.WallTime"/> is replaced by the current time;
    /// everything else is written as given.
    /// </summary>
    /// <param name="e">The event; not modified.</param>
    public void AddEvent(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            ThrowIfUnusable();
            if (e.WallTime == 0)
            {
                e = e.Clone();
                e.WallTime = UnixNow();
            }
            WriteLocked(e);
        }
    }

    /// <summary>Writes a summary at a global step (like FileWriter.add_summary).</summary>
    /// <param name="summary">The summary; not modified.</param>
    /// <param name="step">Global step, the x axis in TensorBoard.</param>
    public void AddSummary(Summary summary, long step)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_gate)
        {
            ThrowIfUnusable();
            WriteLocked(new Event { WallTime = UnixNow(), Step = step, Summary = DropRepeatedMetadata(summary) });
        }
    }

    /// <summary>Writes a serialized summary, as produced by a summary op's string output.</summary>
    /// <param name="serializedSummary">Bytes of a <see cref="Summary"/> proto.</param>
    /// <param name="step">Global step.</param>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a Summary.</exception>
    public void AddSummary(byte[] serializedSummary, long step)
    {
        ArgumentNullException.ThrowIfNull(serializedSummary);
        AddSummary(Summary.Parser.ParseFrom(serializedSummary), step);
    }

    /// <summary>Writes a graph for TensorBoard's Graphs tab (like FileWriter.add_graph).</summary>
    /// <param name="graphDef">The graph.</param>
    /// <param name="step">Global step; TensorFlow uses 0 unless given.</param>
    public void AddGraphDef(GraphDef graphDef, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(graphDef);
        AddEvent(new Event { WallTime = UnixNow(), Step = step, GraphDef = graphDef.ToByteString() });
    }

    /// <summary>Writes a meta graph (like FileWriter.add_meta_graph).</summary>
    /// <param name="metaGraphDef">The meta graph.</param>
    /// <param name="step">Global step.</param>
    public void AddMetaGraphDef(MetaGraphDef metaGraphDef, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(metaGraphDef);
        AddEvent(new Event { WallTime = UnixNow(), Step = step, MetaGraphDef = metaGraphDef.ToByteString() });
    }

    /// <summary>Writes a session log (START after a restart makes TensorBoard drop stale later steps).</summary>
    /// <param name="sessionLog">The session log.</param>
    /// <param name="step">Global step.</param>
    public void AddSessionLog(SessionLog sessionLog, long step)
    {
        ArgumentNullException.ThrowIfNull(sessionLog);
        AddEvent(new Event { WallTime = UnixNow(), Step = step, SessionLog = sessionLog.Clone() });
    }

    /// <summary>Writes buffered events to the file and fsyncs it, as TensorFlow's EventsWriter::Flush does.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            _records.Flush(toDisk: true);
            _pending = 0;
        }
    }

    /// <summary>Same as <see cref="Dispose"/> (TensorFlow's FileWriter.close).</summary>
    public void Close() => Dispose();

    /// <summary>
    /// Flushes and closes the file. Rethrows an error from a background flush that no later
    /// call has reported yet; the file is closed either way.
    /// </summary>
    public void Dispose()
    {
        // Dispose the timer outside the lock: its callback takes the lock.
        _timer?.Dispose();
        EventWriterExitFlush.Unregister(this);
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            Exception pending = _backgroundError;
            _backgroundError = null;
            try
            {
                _records.Flush(toDisk: true);
            }
            finally
            {
                _records.Dispose();
                _file.Dispose();
            }
            if (pending != null) throw new IOException($"An earlier background flush of {FilePath} failed.", pending);
        }
    }

    private void WriteLocked(Event e)
    {
        _records.Write(e.ToByteArray());
        if (++_pending < _maxQueue) return;
        _pending = 0;
        _records.Flush();
    }

    /// <summary>
    /// Called once when the process exits (<see cref="AppDomain.ProcessExit"/>) for a writer the program never
    /// closed: writes and fsyncs what is buffered. There is no caller to report a failure to, so it goes to stderr.
    /// </summary>
    internal void FlushAtExit()
    {
        lock (_gate)
        {
            if (_closed) return;
            try
            {
                _records.Flush(toDisk: true);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"warning: could not flush the event file {FilePath} at exit: {ex.Message}");
            }
        }
    }

    private Summary DropRepeatedMetadata(Summary summary)
    {
        Summary copy = null;
        for (int i = 0; i < summary.Value.Count; i++)
        {
            Summary.Types.Value v = summary.Value[i];
            if (v.Metadata == null) continue;
            if (_tagsWithMetadata.Add(v.Tag)) continue;
            copy ??= summary.Clone();
            copy.Value[i].Metadata = null;
        }
        return copy ?? summary;
    }

    private void BackgroundFlush()
    {
        lock (_gate)
        {
            if (_closed || _backgroundError != null) return;
            try
            {
                _records.Flush(toDisk: true);
            }
            catch (IOException ex)
            {
                // A timer thread has no caller to throw to; keep the error for the next call.
                _backgroundError = ex;
            }
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_backgroundError != null)
        {
            Exception ex = _backgroundError;
            _backgroundError = null;
            throw new IOException($"A background flush of {FilePath} failed.", ex);
        }
    }

    private static (FileStream, string) CreateEventFile(string dir, long seconds, string suffix)
    {
        string host = Dns.GetHostName();
        string baseName = $"events.out.tfevents.{seconds:D10}.{host}{suffix}";
        // Two writers started in the same second with the same suffix would get the same
        // name; TensorFlow truncates the older file. We never clobber: a numbered name
        // still contains "tfevents", which is all TensorBoard looks for.
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Combine(dir, attempt == 0 ? baseName : $"{baseName}.{attempt}");
            if (File.Exists(path)) continue;
            // CreateNew fails rather than truncating if another writer won the race.
            var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1 << 16);
            return (fs, path);
        }
    }

    private static double UnixNow() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
}
