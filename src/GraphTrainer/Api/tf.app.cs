namespace GraphTrainer;

public static partial class tf
{
    /// <summary><c>tf.app</c>: the program entry point (<see cref="run(Action{string[]}, string[])"/>) and its flags.</summary>
    public static class app
    {
        /// <summary>The flags module, <c>tf.app.flags</c> (the same object as <see cref="tf.flags"/>).</summary>
        public static FlagsModule flags => tf.flags;

        /// <summary>
        /// Parses the command line into <c>FLAGS</c> and calls <paramref name="main"/> with argv[0] and the arguments
        /// that are not flags. A command line that does not fit the flags prints absl's "FATAL Flags parsing error"
        /// and returns 1 without calling main. Returns main's exit code (TensorFlow passes it to sys.exit).
        /// </summary>
        /// <param name="main">The program's main(argv).</param>
        /// <param name="argv">The command line with the program name first; default: the process's.</param>
        public static int run(Func<string[], int> main, string[] argv = null)
        {
            ArgumentNullException.ThrowIfNull(main);
            string[] rest;
            try
            {
                rest = tf.flags.Values.Parse(argv ?? Environment.GetCommandLineArgs());
            }
            catch (FlagsError e)
            {
                Console.Error.WriteLine($"FATAL Flags parsing error: {e.Message}");
                Console.Error.WriteLine("Pass --helpshort or --helpfull to see help on flags.");
                return 1;
            }
            return main(rest);
        }

        /// <inheritdoc cref="run(Func{string[], int}, string[])"/>
        public static int run(Action<string[]> main, string[] argv = null)
        {
            ArgumentNullException.ThrowIfNull(main);
            return run(a => { main(a); return 0; }, argv);
        }

        /// <summary><c>tf.app.run()</c> with a <c>main()</c> that takes no arguments.</summary>
        public static int run(Action main, string[] argv = null)
        {
            ArgumentNullException.ThrowIfNull(main);
            return run(_ => { main(); return 0; }, argv);
        }
    }

    /// <summary><c>tf.flags</c> / <c>tf.app.flags</c>: command-line flags.</summary>
    public static readonly FlagsModule flags = new();

    /// <summary>The DEFINE_* functions and <see cref="FLAGS"/> of <c>tf.flags</c>.</summary>
    public sealed class FlagsModule
    {
        internal FlagsModule() { }

        /// <summary>The flag values; <c>dynamic</c> so that <c>FLAGS.batch_size</c> reads as in Python.</summary>
        public dynamic FLAGS => Values;

        /// <summary>The same object as <see cref="FLAGS"/>, statically typed.</summary>
        public FlagValues Values { get; } = new();

        /// <summary>Defines a string flag.</summary>
        public void DEFINE_string(string name, string @default, string help) => Values.Define(name, @default, typeof(string), help);

        /// <summary>Defines an integer flag.</summary>
        public void DEFINE_integer(string name, int @default, string help) => Values.Define(name, @default, typeof(int), help);

        /// <summary>Defines a float flag (a C# double).</summary>
        public void DEFINE_float(string name, double @default, string help) => Values.Define(name, @default, typeof(double), help);

        /// <summary>Defines a boolean flag (<c>--name</c>, <c>--noname</c>, <c>--name=false</c>).</summary>
        public void DEFINE_boolean(string name, bool @default, string help) => Values.Define(name, @default, typeof(bool), help);

        /// <summary>Same as <see cref="DEFINE_boolean"/>.</summary>
        public void DEFINE_bool(string name, bool @default, string help) => DEFINE_boolean(name, @default, help);
    }
}
