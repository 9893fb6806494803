using System.Net.Http;
using System.Text;

namespace GraphTrainer.Data
{
    /// <summary>
    /// The four canonical MNIST files and how they are found: the search order of
    /// <see cref="DataDirectories"/>, then a download into the first candidate directory
    /// (TensorFlow's <c>maybe_download</c>), then a clear <see cref="MnistDataNotFoundException"/>.
    /// </summary>
    public static class MnistFiles
    {
        /// <summary>Training images, 60,000 28x28 idx3.</summary>
        public const string TrainImages = "train-images-idx3-ubyte.gz";
        /// <summary>Training labels, 60,000 idx1.</summary>
        public const string TrainLabels = "train-labels-idx1-ubyte.gz";
        /// <summary>Test images, 10,000 28x28 idx3.</summary>
        public const string TestImages = "t10k-images-idx3-ubyte.gz";
        /// <summary>Test labels, 10,000 idx1.</summary>
        public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

        /// <summary>TensorFlow's default source, the CVDF mirror of Yann LeCun's MNIST page.</summary>
        public const string DefaultSourceUrl = "https://storage.googleapis.com/cvdf-datasets/mnist/";

        /// <summary>The four file names, in the order TensorFlow reads them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { TrainImages, TrainLabels, TestImages, TestLabels };

        /// <summary>
        /// Returns the first directory among <see cref="DataDirectories.Candidates(string)"/> that holds all
        /// four files. When none does, downloads the missing ones from <paramref name="sourceUrl"/> into the
        /// first candidate (the path as given), as TensorFlow does.
        /// </summary>
        /// <param name="dir">The directory as the tutorial names it, e.g. <c>"MNIST_data/"</c>.</param>
        /// <param name="sourceUrl">Base URL the file names are appended to; null or empty means the default.</param>
        /// <exception cref="MnistDataNotFoundException">Not found anywhere and the download failed.</exception>
        public static string Locate(string dir, string sourceUrl = DefaultSourceUrl)
            => Locate(DataDirectories.Candidates(dir), sourceUrl);

        /// <summary>As <see cref="Locate(string, string)"/>, over an explicit candidate list (first = download target).</summary>
        /// <param name="candidates">Directories to search, in order; must not be empty.</param>
        /// <param name="sourceUrl">Base URL the file names are appended to; null or empty means the default.</param>
        public static string Locate(IReadOnlyList<string> candidates, string sourceUrl = DefaultSourceUrl)
        {
            if (candidates == null || candidates.Count == 0)
                throw new ArgumentException("At least one candidate directory is required.", nameof(candidates));
            foreach (string c in candidates)
            {
                if (Missing(c).Count == 0)
                    return c;
            }

            string target = candidates[0];
            if (string.IsNullOrEmpty(sourceUrl))
                sourceUrl = DefaultSourceUrl;
            if (!sourceUrl.EndsWith('/'))
                sourceUrl += "/";
            string current = null;
            bool created = !Directory.Exists(target);
            try
            {
                Directory.CreateDirectory(target);
                foreach (string name in Missing(target))
                {
                    current = sourceUrl + name;
                    long bytes = Downloader.Download(current, Path.Combine(target, name));
                    Console.WriteLine($"Successfully downloaded {name} {bytes} bytes.");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException
                                          or UnauthorizedAccessException)
            {
                // Not swallowed: re-thrown with the search report and the download error as inner exception.
                // A directory this call created and left empty is removed, so a failed attempt leaves no trace.
                if (created && Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any())
                    Directory.Delete(target);
                string failure = current == null
                    ? $"Could not create {target} for the download: {e.Message}"
                    : $"Downloading {current} into {target} failed: {e.GetType().Name}: {e.Message}";
                throw NotFound(candidates, failure, e);
            }
            return target;
        }

        /// <summary>The canonical file names not present in <paramref name="directory"/>.</summary>
        /// <param name="directory">Directory to inspect (need not exist).</param>
        public static IReadOnlyList<string> Missing(string directory)
            => All.Where(name => !File.Exists(Path.Combine(directory, name))).ToArray();

        private static MnistDataNotFoundException NotFound(IReadOnlyList<string> candidates, string failure, Exception inner)
        {
            var missing = Missing(candidates[0]);
            string name = Path.GetFileName(candidates[0]);
            var text = new StringBuilder();
            text.Append("MNIST data not found: missing ").Append(string.Join(", ", missing)).AppendLine(".");
            text.AppendLine("Searched, in order:");
            foreach (string c in candidates)
            {
                var m = Missing(c);
                text.Append("  ").Append(c).Append(" — ").AppendLine(!Directory.Exists(c)
                    ? "directory does not exist"
                    : m.Count == 0 ? "complete" : "missing " + string.Join(", ", m));
            }
            text.AppendLine(failure);
            text.Append("Copy the four canonical files (").Append(string.Join(", ", All)).Append(") into data/")
                .Append(name).Append("/ at the repository root (the folder holding ").Append(DataDirectories.SolutionFileName)
                .Append(')');
            if (name != "MNIST_data")
                text.Append(" — the same files CI copies into data/MNIST_data/");
            text.Append(", or set ").Append(DataDirectories.DataRootVariable).Append(" to a folder that holds ")
                .Append(name).Append("/.");
            return new MnistDataNotFoundException(text.ToString(), missing, candidates, inner);
        }
    }
}
