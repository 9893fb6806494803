namespace GraphTrainer.IO;

/// <summary>
/// Event writers that are open, flushed when the process exits or dies of an unhandled exception: a port that
/// never calls <c>close()</c> (its Python original relies on the interpreter's exit) still gets every record.
/// </summary>
internal static class EventWriterExitFlush
{
    private static readonly HashSet<EventFileWriter> Open = new();

    static EventWriterExitFlush()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => FlushAll();
    }

    public static void Register(EventFileWriter writer)
    {
        lock (Open) Open.Add(writer);
    }

    public static void Unregister(EventFileWriter writer)
    {
        lock (Open) Open.Remove(writer);
    }

    /// <summary>Flushes every writer still open (what the exit handlers run).</summary>
    public static void FlushAll()
    {
        EventFileWriter[] writers;
        lock (Open) writers = Open.ToArray();
        foreach (var w in writers) w.FlushAtExit();
    }
}
