using Spectre.Console;

namespace GraphTrainer.Cli;

/// <summary>
/// Where a command writes and how it may draw: injected so commands run in-process (tests, other tools) with
/// captured writers, and from <see cref="Program"/> with the real console.
/// </summary>
public sealed class CliContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="stdout">Receives results and progress.</param>
    /// <param name="stderr">Receives error messages.</param>
    /// <param name="interactive">True when <paramref name="stdout"/> is a terminal: enables the live progress bar
    /// and colours. False gives one plain line per epoch, which reads well in logs and tests.</param>
    /// <param name="width">Console width for tables when not interactive.</param>
    /// <param name="cancellation">Signalled by Ctrl+C: <c>train</c> then saves a checkpoint at the current step and stops.</param>
    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive = false, int width = 100,
        CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        Out = stdout ?? throw new ArgumentNullException(nameof(stdout));
        Error = stderr ?? throw new ArgumentNullException(nameof(stderr));
        Interactive = interactive;
        Width = width;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True when standard output is a terminal.</summary>
    public bool Interactive { get; }

    /// <summary>Signalled when the user asks the command to stop (Ctrl+C).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Width used to lay out tables when not interactive.</summary>
    public int Width { get; }

    /// <summary>The process's console: live output when stdout is a terminal, plain text when redirected.</summary>
    /// <param name="cancellation">Signalled by the Ctrl+C handler.</param>
    public static CliContext FromSystemConsole(CancellationToken cancellation = default) =>
        new(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, cancellation: cancellation);

    /// <summary>A Spectre.Console console drawing on <see cref="Out"/>, with colours and live rendering only when interactive.</summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        // Redirected output has no window to measure; a fixed width keeps tables stable in logs and tests.
        if (!Interactive)
            console.Profile.Width = Width;
        return console;
    }
}
