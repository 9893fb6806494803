using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// Absent files: downloaded atomically from the source URL (a loopback server here), or a clear
    /// error naming the files, the directories searched and the fix.
    /// </summary>
    public class MissingAndDownloadTests : IDisposable
    {
        private const string Unreachable = "http://127.0.0.1:1/";
        private readonly TempDir _tmp = new TempDir();
        private readonly TempDir _source = new TempDir();

        public MissingAndDownloadTests() => SyntheticMnist.WriteAll(_source.Path, 12, 4);

        public void Dispose()
        {
            _tmp.Dispose();
            _source.Dispose();
        }

        // A directory name no fallback location can have.
        private string Target() => Path.Combine(_tmp.Path, "mnist_" + Guid.NewGuid().ToString("N"));

        private (int, byte[]) ServeSource(string name)
        {
            string path = Path.Combine(_source.Path, name);
            return File.Exists(path) ? (200, File.ReadAllBytes(path)) : (404, Array.Empty<byte>());
        }

        [Fact]
        public void Missing_files_error_names_files_directories_and_fix()
        {
            string target = Target();
            var e = Assert.Throws<MnistDataNotFoundException>(
                () => input_data.read_data_sets(target, one_hot: true, source_url: Unreachable));
            Assert.IsAssignableFrom<FileNotFoundException>(e);
            foreach (string name in MnistFiles.All)
                Assert.Contains(name, e.Message);
            Assert.Contains("Searched, in order:", e.Message);
            Assert.Contains(target, e.Message);
            Assert.Equal(target, e.SearchedDirectories[0]);
            foreach (string dir in e.SearchedDirectories)
                Assert.Contains(dir, e.Message);
            Assert.Contains("Copy the four canonical files", e.Message);
            Assert.Contains("data/MNIST_data/", e.Message);
            Assert.Contains(Unreachable + MnistFiles.TrainImages, e.Message);
            Assert.Equal(MnistFiles.All, e.MissingFiles);
            Assert.NotNull(e.InnerException);
            Assert.False(Directory.Exists(target));   // the failed attempt leaves no empty directory behind
        }

        [Fact]
        public void Missing_files_are_downloaded_into_the_given_directory()
        {
            using var server = new LoopbackServer(ServeSource);
            string target = Target();
            var mnist = input_data.read_data_sets(target, validation_size: 2, source_url: server.Url);
            Assert.Equal((10, 2, 4), (mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples));
            Assert.Equal(MnistFiles.All.OrderBy(n => n), Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(n => n));
            Assert.Equal(MnistFiles.All, server.Requests);
            foreach (string name in MnistFiles.All)
                Assert.Equal(File.ReadAllBytes(Path.Combine(_source.Path, name)), File.ReadAllBytes(Path.Combine(target, name)));
        }

        [Fact]
        public void Only_the_missing_files_are_downloaded()
        {
            using var server = new LoopbackServer(ServeSource);
            string target = Target();
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(_source.Path, MnistFiles.TrainImages), Path.Combine(target, MnistFiles.TrainImages));
            File.Copy(Path.Combine(_source.Path, MnistFiles.TestLabels), Path.Combine(target, MnistFiles.TestLabels));
            Assert.Equal(target, MnistFiles.Locate(target, server.Url));
            Assert.Equal(new[] { MnistFiles.TrainLabels, MnistFiles.TestImages }, server.Requests);
        }

        [Fact]
        public void Failed_download_keeps_a_directory_that_already_existed()
        {
            string target = Target();
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(_source.Path, MnistFiles.TrainImages), Path.Combine(target, MnistFiles.TrainImages));
            var e = Assert.Throws<MnistDataNotFoundException>(() => MnistFiles.Locate(target, Unreachable));
            Assert.Equal(new[] { MnistFiles.TrainLabels, MnistFiles.TestImages, MnistFiles.TestLabels }, e.MissingFiles);
            Assert.Equal(new[] { MnistFiles.TrainImages }, Directory.GetFiles(target).Select(Path.GetFileName));
        }

        [Fact]
        public void Http_error_is_reported_and_leaves_no_file()
        {
            using var server = new LoopbackServer(_ => (404, Array.Empty<byte>()));
            string target = Target();
            var e = Assert.Throws<MnistDataNotFoundException>(() => MnistFiles.Locate(target, server.Url));
            Assert.Contains(server.Url + MnistFiles.TrainImages, e.Message);
            Assert.Contains("404", e.Message);
            Assert.False(Directory.Exists(target));
        }

        [Fact]
        public void Non_gzip_response_is_refused_and_leaves_no_file()
        {
            using var server = new LoopbackServer(_ => (200, "<html>captive portal</html>"u8.ToArray()));
            string target = Target();
            var e = Assert.Throws<MnistDataNotFoundException>(() => MnistFiles.Locate(target, server.Url));
            Assert.Contains("did not return gzip data", e.Message);
            Assert.IsType<InvalidDataException>(e.InnerException);
            Assert.False(Directory.Exists(target));
        }
    }
}
