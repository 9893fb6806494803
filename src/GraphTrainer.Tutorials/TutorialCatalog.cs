namespace GraphTrainer.Tutorials;

/// <summary>A tutorial: a file-based app of notebooks/, compiled into this program.</summary>
/// <param name="Name">The app's file name without <c>.cs</c> (<c>fc-adam</c>).</param>
/// <param name="Parameters">The parameters it reads with <c>NotebookParameters.Get</c>, given as <c>--name VALUE</c>.</param>
/// <param name="Run">Runs the app's code.</param>
public sealed record TutorialApp(string Name, IReadOnlyList<string> Parameters, Action Run);

/// <summary>
/// The tutorial program: <c>GraphTrainer.Tutorials NAME [--parameter VALUE ...]</c> runs notebooks/NAME.cs's code,
/// which reads its parameters from the command line itself (<c>NotebookParameters.Get</c>), as the file-based app does.
/// <see cref="All"/> is generated from notebooks/*.cs at build time.
/// </summary>
public static partial class TutorialCatalog
{
    /// <summary>Checks <c>&lt;name&gt; [--parameter VALUE ...]</c> and runs the tutorial; returns the process exit code.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="stdout">Receives the help.</param>
    /// <param name="stderr">Receives usage errors.</param>
    public static int Main(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            stdout.WriteLine("usage: GraphTrainer.Tutorials <name> [--parameter VALUE ...]\n\ntutorials (notebooks/<name>.cs; parameters in brackets):");
            foreach (var app in All)
                stdout.WriteLine($"  {app.Name,-22} [{string.Join(", ", app.Parameters.Select(p => "--" + p))}]");
            return args.Length == 0 ? 2 : 0;
        }
        var entry = All.FirstOrDefault(e => e.Name == args[0]);
        if (entry == null)
        {
            stderr.WriteLine($"error: unknown tutorial '{args[0]}'. Known: {string.Join(", ", All.Select(e => e.Name))}");
            return 2;
        }
        for (int i = 1; i < args.Length; i++)
        {
            string option = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..].Split('=')[0] : null;
            if (option == null || !entry.Parameters.Contains(option))
            {
                stderr.WriteLine($"error: unexpected argument '{args[i]}'; {entry.Name} takes {string.Join(", ", entry.Parameters.Select(p => $"--{p} VALUE"))}");
                return 2;
            }
            if (!args[i].Contains('=') && ++i >= args.Length)
            {
                stderr.WriteLine($"error: --{option} needs a value");
                return 2;
            }
        }
        entry.Run();
        return 0;
    }
}
