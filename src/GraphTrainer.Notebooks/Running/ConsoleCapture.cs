using System.Text;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Redirects <see cref="Console.Out"/> and <see cref="Console.Error"/> while any cell runs. The replacement writers
/// route each write to the current cell's <see cref="CellOutputCollector"/> (or to the original console when the
/// writing code belongs to no running cell), so concurrent runners and stray background threads stay correct.
/// The originals are restored when the last active cell ends, also when it failed.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static int _active;
    private static TextWriter _originalOut;
    private static TextWriter _originalError;

    /// <summary>Starts redirecting (reference counted); dispose the result to stop.</summary>
    public static IDisposable Begin()
    {
        lock (Gate)
        {
            if (_active++ == 0)
            {
                _originalOut = Console.Out;
                _originalError = Console.Error;
                Console.SetOut(new RoutingWriter("stdout", _originalOut));
                Console.SetError(new RoutingWriter("stderr", _originalError));
            }
        }
        return new Scope();
    }

    private static void End()
    {
        lock (Gate)
        {
            if (--_active == 0)
            {
                Console.SetOut(_originalOut);
                Console.SetError(_originalError);
                _originalOut = _originalError = null;
            }
        }
    }

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                End();
        }
    }

    /// <summary>Sends text to the running cell's collector, else to the console it replaced.</summary>
    private sealed class RoutingWriter : TextWriter
    {
        private readonly string _stream;
        private readonly TextWriter _fallback;

        public RoutingWriter(string stream, TextWriter fallback)
        {
            _stream = stream;
            _fallback = fallback;
        }

        public override Encoding Encoding => _fallback.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string value)
        {
            var cell = CellOutputCollector.Current;
            if (cell == null || !cell.TryWrite(_stream, value))
                _fallback.Write(value);
        }

        public override void WriteLine(string value) => Write(value + NewLine);

        public override void Flush() => _fallback.Flush();
    }
}
