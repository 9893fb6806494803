using GraphTrainer.Data;

namespace GraphTrainer.Tests.Data
{
    /// <summary>The search order for data directories, with explicit process state (no global changes).</summary>
    public class DataDirectoriesTests : IDisposable
    {
        private readonly TempDir _root = new TempDir();

        public void Dispose() => _root.Dispose();

        // <root>/<name>/GraphTrainer.sln plus the given sub-directory; returns (repo, sub).
        private (string repo, string sub) Repo(string name, string sub)
        {
            string repo = Path.Combine(_root.Path, name);
            Directory.CreateDirectory(Path.Combine(repo, sub));
            File.WriteAllText(Path.Combine(repo, "GraphTrainer.sln"), "");
            return (repo, Path.Combine(repo, sub));
        }

        [Fact]
        public void Order_is_given_path_env_then_repository_of_cwd_then_of_base_directory()
        {
            var (repoA, cwd) = Repo("a", "notebooks/deep");
            var (repoB, bin) = Repo("b", "tests/bin/Debug");
            string env = Path.Combine(_root.Path, "env");
            var c = DataDirectories.Candidates("MNIST_data/", cwd, env, bin);
            Assert.Equal(new[]
            {
                Path.Combine(cwd, "MNIST_data"),
                Path.Combine(env, "MNIST_data"),
                Path.Combine(repoA, "data", "MNIST_data"),
                Path.Combine(repoB, "data", "MNIST_data"),
            }, c);
        }

        [Fact]
        public void Duplicates_and_missing_sources_are_dropped()
        {
            var (repo, cwd) = Repo("a", "src");
            var c = DataDirectories.Candidates("MNIST_data", cwd, null, Path.Combine(repo, "src"));
            Assert.Equal(new[] { Path.Combine(cwd, "MNIST_data"), Path.Combine(repo, "data", "MNIST_data") }, c);

            string plain = Path.Combine(_root.Path, "plain");
            Directory.CreateDirectory(plain);
            Assert.Equal(new[] { Path.Combine(plain, "x") }, DataDirectories.Candidates("x", plain, "", plain));
        }

        [Fact]
        public void Absolute_path_keeps_its_last_component_as_the_name()
        {
            var (repo, cwd) = Repo("a", "src");
            var c = DataDirectories.Candidates("/tmp/tensorflow/mnist/input_data/", cwd, null, null);
            Assert.Equal(new[] { "/tmp/tensorflow/mnist/input_data", Path.Combine(repo, "data", "input_data") }, c);
        }

        [Fact]
        public void Repository_root_is_the_nearest_ancestor_with_the_solution()
        {
            var (repo, sub) = Repo("a", "x/y/z");
            Assert.Equal(repo, DataDirectories.FindRepositoryRoot(sub));
            Assert.Equal(repo, DataDirectories.FindRepositoryRoot(repo));
        }

        [Fact]
        public void Locate_returns_the_first_complete_directory()
        {
            string partial = Path.Combine(_root.Path, "partial");
            string complete = Path.Combine(_root.Path, "complete");
            SyntheticMnist.WriteAll(complete, 2, 2);
            Directory.CreateDirectory(partial);
            File.Copy(Path.Combine(complete, MnistFiles.TrainImages), Path.Combine(partial, MnistFiles.TrainImages));
            Assert.Equal(complete, MnistFiles.Locate(new[] { partial, complete }, "http://127.0.0.1:1/"));
            Assert.Equal(new[] { MnistFiles.TrainLabels, MnistFiles.TestImages, MnistFiles.TestLabels }, MnistFiles.Missing(partial));
        }
    }
}
