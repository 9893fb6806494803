using GraphTrainer.Tests.IO;

namespace GraphTrainer.Tests.Api;

/// <summary>tf.app.run with tf.flags (absl's command-line rules) and tf.gfile.</summary>
[Collection("DefaultGraph")]
public class AppFlagsGfileTests
{
    [Fact]
    public void Run_parses_every_flag_form_and_passes_the_rest_to_main()
    {
        var flags = tf.app.flags;
        flags.DEFINE_string("t1_data_dir", "/tmp/data", "Where the data is.");
        flags.DEFINE_integer("t1_batch_size", 100, "Batch size.");
        flags.DEFINE_float("t1_learning_rate", 0.5, "Learning rate.");
        flags.DEFINE_boolean("t1_fake_data", true, "Use fake data.");
        flags.DEFINE_bool("t1_verbose", false, "Talk.");
        string[] seen = null;
        int code = tf.app.run(argv =>
        {
            seen = argv;
            var FLAGS = tf.flags.FLAGS;
            Assert.Equal("/data/mnist", (string)FLAGS.t1_data_dir);
            Assert.Equal(32, (int)FLAGS.t1_batch_size);
            Assert.Equal(0.01, (double)FLAGS.t1_learning_rate);
            Assert.False((bool)FLAGS.t1_fake_data);
            Assert.True((bool)FLAGS.t1_verbose);
            return 7;
        }, new[] { "prog", "--t1_data_dir=/data/mnist", "--t1_batch_size", "32", "-t1_learning_rate=0.01", "--not1_fake_data", "--t1_verbose", "extra", "--", "--raw" });
        Assert.Equal(7, code);
        Assert.Equal(new[] { "prog", "extra", "--raw" }, seen);
        Assert.Equal(32, tf.flags.Values["t1_batch_size"]);
    }

    [Theory]
    [InlineData("--t2_steps=abc", "flag --t2_steps=abc: invalid literal for int() with base 10: 'abc'")]
    [InlineData("--t2_unknown=1", "Unknown command line flag 't2_unknown'")]
    [InlineData("--t2_on=maybe", "flag --t2_on=maybe: Non-boolean argument to boolean flag")]
    public void A_bad_command_line_prints_absls_error_and_returns_1_without_calling_main(string arg, string message)
    {
        tf.flags.DEFINE_integer("t2_steps", 10, "Steps.");
        tf.flags.DEFINE_boolean("t2_on", false, "On.");
        var original = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        int code;
        bool called = false;
        try
        {
            code = tf.app.run(_ => { called = true; }, new[] { "prog", arg });
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Equal(1, code);
        Assert.False(called);
        Assert.StartsWith("FATAL Flags parsing error: " + message, err.ToString());
    }

    [Fact]
    public void Reading_an_undefined_flag_is_an_attribute_error()
    {
        Assert.Equal("t3_nope", Assert.Throws<AttributeError>(() => tf.flags.Values["t3_nope"]).Message);
        tf.flags.DEFINE_integer("t3_n", 1, "N.");
        Assert.Throws<ValueError>(() => tf.flags.DEFINE_string("t3_n", "x", "redefined with another type"));
    }

    [Fact]
    public void Gfile_creates_globs_reads_writes_and_deletes()
    {
        using var dir = new TempDirectory();
        string root = dir.Path.Replace('\\', '/');
        string logs = root + "/logs/run_1";
        Assert.False(tf.gfile.Exists(logs));
        tf.gfile.MakeDirs(logs);
        tf.gfile.MakeDirs(root + "/logs/run_2");
        Assert.True(tf.gfile.IsDirectory(logs));
        using (var f = tf.gfile.GFile(logs + "/events.a", "w")) f.write("line 1\nline 2");
        using (var f = tf.gfile.Open(root + "/logs/run_2/events.b", "w")) f.write("x");
        File.WriteAllText(root + "/logs/run_2/other.txt", "");
        Assert.Equal(new[] { logs + "/events.a", root + "/logs/run_2/events.b" }, tf.gfile.Glob(root + "/logs/run_*/events.*"));
        using (var f = tf.gfile.GFile(logs + "/events.a"))
        {
            Assert.Equal("line 1\n", f.readline());
            Assert.Equal("line 2", f.readline());
            Assert.Equal("", f.readline());
        }
        Assert.Equal("line 1\nline 2", tf.gfile.GFile(logs + "/events.a").read());
        Assert.Equal(new[] { "run_1", "run_2" }, tf.gfile.ListDirectory(root + "/logs"));
        tf.gfile.DeleteRecursively(root + "/logs");
        Assert.False(tf.gfile.Exists(root + "/logs"));
        Assert.Equal(root + "/logs; No such file or directory", Assert.Throws<NotFoundError>(() => tf.gfile.DeleteRecursively(root + "/logs")).Message);
        Assert.Throws<NotFoundError>(() => tf.gfile.GFile(root + "/missing.txt"));
        Assert.Empty(tf.gfile.Glob(root + "/nothing/*"));
    }
}
