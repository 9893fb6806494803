namespace GraphTrainer.Data
{
    /// <summary>
    /// The MNIST idx files are in none of the searched directories and could not be downloaded.
    /// The message names the missing files, every directory searched and how to fix it.
    /// </summary>
    public sealed class MnistDataNotFoundException : FileNotFoundException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">Full explanation, including the fix.</param>
        /// <param name="missingFiles">Files missing from the first (download) directory.</param>
        /// <param name="searchedDirectories">Every directory searched, in order.</param>
        /// <param name="innerException">Why the download failed, or null when none was attempted.</param>
        public MnistDataNotFoundException(string message, IReadOnlyList<string> missingFiles,
            IReadOnlyList<string> searchedDirectories, Exception innerException)
            : base(message, missingFiles.Count > 0 ? missingFiles[0] : null, innerException)
        {
            MissingFiles = missingFiles;
            SearchedDirectories = searchedDirectories;
        }

        /// <summary>Files missing from the first (download) directory.</summary>
        public IReadOnlyList<string> MissingFiles { get; }

        /// <summary>Every directory searched, in search order.</summary>
        public IReadOnlyList<string> SearchedDirectories { get; }
    }
}
