using System.Net.Http;

namespace GraphTrainer.Data
{
    /// <summary>HTTP download of one data file, written atomically.</summary>
    internal static class Downloader
    {
        // Offline machines must fail fast; a 10 MB file on a live link needs well under a minute.
        private static readonly HttpClient Client = new HttpClient(
            new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        /// <summary>
        /// Downloads <paramref name="url"/> to <paramref name="destination"/> via a temporary file in the
        /// same directory, renamed into place only when complete, so an interrupted download never
        /// leaves a truncated file where a later run would find it. Returns the byte count.
        /// </summary>
        public static long Download(string url, string destination)
        {
            string temp = $"{destination}.{Guid.NewGuid():N}.part";
            try
            {
                using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                using (var response = Client.Send(request, HttpCompletionOption.ResponseContentRead))
                {
                    response.EnsureSuccessStatusCode();
                    using var body = response.Content.ReadAsStream();
                    using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    body.CopyTo(file);
                    file.Flush(flushToDisk: true);
                }
                // A proxy or captive portal answers 200 with HTML; refuse it before it takes the file's name.
                using (var check = File.OpenRead(temp))
                {
                    if (check.ReadByte() != 0x1f || check.ReadByte() != 0x8b)
                        throw new InvalidDataException($"{url} did not return gzip data");
                }
                long length = new FileInfo(temp).Length;
                File.Move(temp, destination, overwrite: true);
                return length;
            }
            finally
            {
                // Only the temp file is removed here; any exception keeps propagating.
                if (File.Exists(temp))
                    File.Delete(temp);
            }
        }
    }
}
