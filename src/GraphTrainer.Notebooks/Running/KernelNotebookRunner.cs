using System.ComponentModel;
using System.Diagnostics;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Executes a notebook in Microsoft's .NET Interactive C# kernel, the kernel users open the notebooks in, through
/// Jupyter's <c>nbconvert --to notebook --execute</c>: one engine for Jupyter, VS Code, CI and
/// <c>graphtrainer notebook run</c>. Parameters reach the notebook as <c>GRAPHTRAINER_PARAM_name</c> environment
/// variables of the kernel (see <see cref="NotebookParameters"/>); the executed copy is written with every output.
/// </summary>
public sealed class KernelNotebookRunner
{
    /// <summary>The Jupyter kernel that <c>dotnet interactive jupyter install</c> registers for C#.</summary>
    public const string KernelName = ".net-csharp";

    /// <summary>What to install when Jupyter or the kernel is missing.</summary>
    public const string InstallHint =
        "Install Jupyter's nbconvert and the .NET Interactive kernel: apt-get install jupyter-nbconvert python3-ipykernel " +
        "(or pip install nbconvert ipykernel), then dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001, " +
        "mkdir -p ~/.local/share/jupyter/kernels and dotnet interactive jupyter install.";

    /// <summary>The Jupyter executable (default <c>jupyter</c> on the PATH).</summary>
    public string Jupyter { get; init; } = "jupyter";

    /// <summary>Fails a cell that runs longer than this; null waits as long as the cell runs.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>
    /// Extra package sources (folders or feed URLs) for the notebook's <c>#r "nuget: ..."</c> lines, such as the local
    /// feed <c>artifacts/packages</c>; the kernel's restore gets them as <c>RestoreAdditionalProjectSources</c>.
    /// </summary>
    public IList<string> PackageSources { get; } = new List<string>();

    /// <summary>Parameter overrides, passed to the kernel as <c>GRAPHTRAINER_PARAM_name=value</c>.</summary>
    public IDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Executes <paramref name="input"/> and writes the executed notebook to <paramref name="output"/>. A cell that
    /// throws or does not compile leaves an <c>error</c> output, reported as <see cref="NotebookRunResult.FirstError"/>;
    /// the later cells still run (nbconvert's <c>--allow-errors</c>), so the output shows everything.
    /// </summary>
    /// <param name="input">The notebook to run; it is not modified.</param>
    /// <param name="output">Where to write the executed notebook (may equal <paramref name="input"/>).</param>
    /// <exception cref="NotebookRunException">Jupyter or the kernel is missing, or nbconvert failed without a notebook.</exception>
    public NotebookRunResult Run(string input, string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(output);
        string inputPath = Path.GetFullPath(input);
        string outputPath = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);

        var start = new ProcessStartInfo(Jupyter)
        {
            // The kernel starts in the notebook's folder, so relative paths in cells (#i "nuget: ../artifacts/packages",
            // data folders) mean what they mean when the notebook is opened in Jupyter or VS Code.
            WorkingDirectory = Path.GetDirectoryName(inputPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[]
        {
            "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            $"--ExecutePreprocessor.kernel_name={KernelName}",
            $"--ExecutePreprocessor.timeout={(CellTimeout is { } t ? Math.Ceiling(t.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-1")}",
            "--output-dir", Path.GetDirectoryName(outputPath)!, "--output", Path.GetFileName(outputPath), inputPath,
        })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in Parameters)
            start.Environment[NotebookParameters.EnvironmentPrefix + name] = value;
        if (PackageSources.Count > 0)
        {
            // .NET Interactive restores #r "nuget:" packages with MSBuild, which reads environment variables as
            // properties; #i "nuget: DIR" would need an absolute path written into the notebook.
            start.Environment["RestoreAdditionalProjectSources"] = string.Join(";", PackageSources.Select(
                source => Directory.Exists(source) ? Path.GetFullPath(source) : source));
        }

        var clock = Stopwatch.StartNew();
        var (exitCode, log) = RunProcess(start);
        clock.Stop();
        if (exitCode != 0 || !File.Exists(outputPath))
        {
            string tail = string.Join("\n", log.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(15));
            string hint = tail.Contains("No such kernel", StringComparison.Ordinal) ? "\n" + InstallHint : "";
            throw new NotebookRunException($"jupyter nbconvert exited with code {exitCode} for {input}:\n{tail}{hint}");
        }
        var executed = Notebook.Load(outputPath);
        return new NotebookRunResult(executed, outputPath, clock.Elapsed, NotebookErrors.First(executed));
    }

    private static (int ExitCode, string Log) RunProcess(ProcessStartInfo start)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NotebookRunException($"Could not start {start.FileName}.");
        }
        catch (Win32Exception ex)
        {
            throw new NotebookRunException($"Could not run '{start.FileName}' ({ex.Message}). {InstallHint}");
        }
        using (process)
        {
            // Both streams are read concurrently so neither pipe fills up and blocks the child.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}

/// <summary>An executed notebook.</summary>
/// <param name="Notebook">The notebook with its outputs, as written.</param>
/// <param name="OutputPath">Where it was written.</param>
/// <param name="Elapsed">Wall time of the run, kernel start included.</param>
/// <param name="FirstError">The first cell that failed, or null when none did.</param>
public sealed record NotebookRunResult(Notebook Notebook, string OutputPath, TimeSpan Elapsed, NotebookError FirstError);

/// <summary>Jupyter or the kernel could not execute the notebook at all (as opposed to a failing cell).</summary>
public sealed class NotebookRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public NotebookRunException(string message) : base(message)
    {
    }
}
