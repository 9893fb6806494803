namespace GraphTrainer.Data
{
    /// <summary>
    /// Where a data directory named in a tutorial (<c>"MNIST_data/"</c>, <c>"/tmp/data"</c>) is looked
    /// for, so tutorial code ports verbatim while the files live once in the repository. In order:
    /// <list type="number">
    /// <item>the path as given, relative to the current directory;</item>
    /// <item><c>$GRAPHTRAINER_DATA/&lt;dir name&gt;</c>, when that environment variable is set;</item>
    /// <item><c>data/&lt;dir name&gt;</c> under the nearest ancestor of the current directory that contains
    /// <c>GraphTrainer.sln</c>;</item>
    /// <item><c>data/&lt;dir name&gt;</c> under the nearest ancestor of <see cref="AppContext.BaseDirectory"/>
    /// that contains <c>GraphTrainer.sln</c> (finds the repository from a test or tool's bin folder).</item>
    /// </list>
    /// <c>&lt;dir name&gt;</c> is the last component of the given path (<c>"MNIST_data"</c> for
    /// <c>"MNIST_data/"</c>). Duplicates are dropped; the first entry is always the given path.
    /// </summary>
    public static class DataDirectories
    {
        /// <summary>Environment variable naming a directory that holds data directories.</summary>
        public const string DataRootVariable = "GRAPHTRAINER_DATA";

        /// <summary>The file that marks the repository root.</summary>
        public const string SolutionFileName = "GraphTrainer.sln";

        /// <summary>The candidate directories for <paramref name="dir"/>, using this process's
        /// current directory, environment and base directory.</summary>
        /// <param name="dir">The directory as a tutorial names it, e.g. <c>"MNIST_data/"</c>.</param>
        public static IReadOnlyList<string> Candidates(string dir)
            => Candidates(dir, Directory.GetCurrentDirectory(),
                Environment.GetEnvironmentVariable(DataRootVariable), AppContext.BaseDirectory);

        /// <summary>The candidate directories for <paramref name="dir"/> given explicit process state
        /// (separate so the order can be tested without changing the process's directory or environment).</summary>
        /// <param name="dir">The directory as a tutorial names it.</param>
        /// <param name="currentDirectory">Directory that relative paths are resolved against.</param>
        /// <param name="dataRoot">Value of <c>$GRAPHTRAINER_DATA</c>, or null/empty when unset.</param>
        /// <param name="baseDirectory">The application's base directory, or null to skip it.</param>
        public static IReadOnlyList<string> Candidates(string dir, string currentDirectory, string dataRoot, string baseDirectory)
        {
            ArgumentNullException.ThrowIfNull(dir);
            ArgumentNullException.ThrowIfNull(currentDirectory);
            string given = Normalize(Path.GetFullPath(dir, currentDirectory));
            string name = Path.GetFileName(given);
            var result = new List<string> { given };

            if (!string.IsNullOrEmpty(dataRoot))
                Add(result, Path.Combine(Path.GetFullPath(dataRoot, currentDirectory), name));
            foreach (string start in new[] { currentDirectory, baseDirectory })
            {
                string root = start == null ? null : FindRepositoryRoot(start);
                if (root != null)
                    Add(result, Path.Combine(root, "data", name));
            }
            return result;
        }

        /// <summary>The nearest directory at or above <paramref name="start"/> that contains
        /// <c>GraphTrainer.sln</c>, or null when there is none.</summary>
        /// <param name="start">Directory to start the upward search from.</param>
        public static string FindRepositoryRoot(string start)
        {
            for (var d = new DirectoryInfo(Path.GetFullPath(start)); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, SolutionFileName)))
                    return d.FullName;
            }
            return null;
        }

        private static void Add(List<string> list, string path)
        {
            string p = Normalize(path);
            if (!list.Contains(p, StringComparer.Ordinal))
                list.Add(p);
        }

        // "MNIST_data/" and "MNIST_data" must compare equal and yield the name "MNIST_data".
        private static string Normalize(string fullPath)
        {
            string trimmed = Path.TrimEndingDirectorySeparator(fullPath);
            return trimmed.Length == 0 ? fullPath : trimmed;
        }
    }
}
