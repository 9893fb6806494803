using System.IO.Enumeration;
using System.Text;

namespace GraphTrainer;

public static partial class tf
{
    /// <summary>
    /// <c>tf.gfile</c>: TensorFlow's file helpers on local paths (Exists, MakeDirs, DeleteRecursively, Glob, GFile…),
    /// with TensorFlow's NotFoundError for missing paths.
    /// </summary>
    public static class gfile
    {
        /// <summary>Whether a file or directory exists at <paramref name="filename"/>.</summary>
        public static bool Exists(string filename) => File.Exists(filename) || Directory.Exists(filename);

        /// <summary>Whether <paramref name="dirname"/> is a directory.</summary>
        public static bool IsDirectory(string dirname) => Directory.Exists(dirname);

        /// <summary>Creates a directory and any missing parents; an existing directory is fine.</summary>
        public static void MakeDirs(string dirname) => Directory.CreateDirectory(dirname);

        /// <summary>Creates one directory; its parent must exist.</summary>
        public static void MkDir(string dirname)
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(dirname));
            if (parent != null && !Directory.Exists(parent)) throw NotFound(dirname);
            Directory.CreateDirectory(dirname);
        }

        /// <summary>Deletes a directory and everything under it (or a file).</summary>
        public static void DeleteRecursively(string dirname)
        {
            if (Directory.Exists(dirname)) Directory.Delete(dirname, recursive: true);
            else if (File.Exists(dirname)) File.Delete(dirname);
            else throw NotFound(dirname);
        }

        /// <summary>Deletes a file.</summary>
        public static void Remove(string filename)
        {
            if (!File.Exists(filename)) throw NotFound(filename);
            File.Delete(filename);
        }

        /// <summary>Names (not paths) of the entries of a directory.</summary>
        public static string[] ListDirectory(string dirname)
        {
            if (!Directory.Exists(dirname)) throw NotFound(dirname);
            return Directory.EnumerateFileSystemEntries(dirname).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        /// <summary>Copies a file; fails if the target exists unless <paramref name="overwrite"/>.</summary>
        public static void Copy(string oldpath, string newpath, bool overwrite = false)
        {
            if (!File.Exists(oldpath)) throw NotFound(oldpath);
            File.Copy(oldpath, newpath, overwrite);
        }

        /// <summary>Renames a file or directory.</summary>
        public static void Rename(string oldname, string newname, bool overwrite = false)
        {
            if (Directory.Exists(oldname)) Directory.Move(oldname, newname);
            else if (File.Exists(oldname)) File.Move(oldname, newname, overwrite);
            else throw NotFound(oldname);
        }

        /// <summary>
        /// The paths matching <paramref name="filename"/>, whose components may hold <c>*</c> and <c>?</c> wildcards
        /// (<c>logs/run_*/events.*</c>), sorted.
        /// </summary>
        public static string[] Glob(string filename)
        {
            ArgumentException.ThrowIfNullOrEmpty(filename);
            var parts = filename.Split('/', '\\');
            // Start from the longest prefix without wildcards.
            int first = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
            if (first < 0) return Exists(filename) ? new[] { filename } : Array.Empty<string>();
            string root = string.Join("/", parts.Take(first));
            IEnumerable<string> current = new[] { first == 0 ? "" : root };
            for (int i = first; i < parts.Length; i++)
            {
                string pattern = parts[i];
                bool last = i == parts.Length - 1;
                current = current.SelectMany(dir =>
                {
                    string d = dir.Length == 0 ? "." : dir;
                    if (!Directory.Exists(d)) return Enumerable.Empty<string>();
                    var entries = last ? Directory.EnumerateFileSystemEntries(d) : Directory.EnumerateDirectories(d);
                    return entries.Select(Path.GetFileName)
                        .Where(name => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false))
                        .Select(name => dir.Length == 0 ? name : dir + "/" + name);
                }).ToList();
            }
            return current.OrderBy(p => p, StringComparer.Ordinal).ToArray();
        }

        /// <summary>Opens a file: mode "r", "rb", "w", "wb", "a" or "ab" (TensorFlow's GFile / FastGFile).</summary>
        public static GFile GFile(string name, string mode = "r") => new(name, mode);

        /// <summary>Same as <see cref="GFile"/> (TensorFlow's tf.gfile.Open).</summary>
        public static GFile Open(string name, string mode = "r") => new(name, mode);

        /// <summary>Same as <see cref="GFile"/> (TensorFlow's older FastGFile).</summary>
        public static GFile FastGFile(string name, string mode = "r") => new(name, mode);

        internal static NotFoundError NotFound(string path) => new($"{path}; No such file or directory");
    }
}

/// <summary>A file opened by <c>tf.gfile.GFile</c>: <c>using (var f = tf.gfile.GFile(path, "w")) f.write(text);</c>.</summary>
public sealed class GFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;

    internal GFile(string name, string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.name = name;
        this.mode = mode;
        FileMode fileMode = mode switch
        {
            "r" or "rb" => FileMode.Open,
            "w" or "wb" => FileMode.Create,
            "a" or "ab" => FileMode.Append,
            _ => throw new ValueError($"Invalid mode '{mode}': use 'r', 'rb', 'w', 'wb', 'a' or 'ab'."),
        };
        if (fileMode == FileMode.Open && !File.Exists(name)) throw tf.gfile.NotFound(name);
        _stream = new FileStream(name, fileMode, fileMode == FileMode.Open ? FileAccess.Read : FileAccess.Write, FileShare.Read);
        if (fileMode == FileMode.Open) _reader = new StreamReader(_stream, new UTF8Encoding(false));
        else _writer = new StreamWriter(_stream, new UTF8Encoding(false));
    }

    /// <summary>The path it was opened with.</summary>
    public string name { get; }

    /// <summary>The mode it was opened with.</summary>
    public string mode { get; }

    /// <summary>The rest of the file as text.</summary>
    public string read() => Reader.ReadToEnd();

    /// <summary>The rest of the file as bytes (binary mode "rb").</summary>
    public byte[] read_bytes()
    {
        using var buffer = new MemoryStream();
        _stream.CopyTo(buffer); // binary reads bypass the text reader, so do not mix them with read()
        return buffer.ToArray();
    }

    /// <summary>The next line including its "\n" (Python's readline), or "" at the end.</summary>
    public string readline()
    {
        var line = new StringBuilder();
        for (int c = Reader.Read(); c >= 0; c = Reader.Read())
        {
            line.Append((char)c);
            if (c == '\n') break;
        }
        return line.ToString();
    }

    /// <summary>The remaining lines, each with its "\n".</summary>
    public string[] readlines()
    {
        var lines = new List<string>();
        for (string l = readline(); l.Length > 0; l = readline()) lines.Add(l);
        return lines.ToArray();
    }

    /// <summary>Writes text.</summary>
    public void write(string s) => Writer.Write(s);

    /// <summary>Writes bytes (binary modes).</summary>
    public void write(byte[] bytes)
    {
        Writer.Flush();
        _stream.Write(bytes);
    }

    /// <summary>Writes buffered text to the file.</summary>
    public void flush() => Writer.Flush();

    /// <summary>Size of the file in bytes.</summary>
    public long size() => new FileInfo(name).Length;

    /// <summary>Flushes and closes the file.</summary>
    public void close() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer?.Dispose();
        _reader?.Dispose();
        _stream.Dispose();
    }

    private StreamReader Reader => _reader ?? throw new InvalidOperationException($"File {name} is not open for reading (mode '{mode}').");
    private StreamWriter Writer => _writer ?? throw new InvalidOperationException($"File {name} is not open for writing (mode '{mode}').");

}

/// <summary>TensorFlow's NotFoundError: a file or directory that does not exist.</summary>
public sealed class NotFoundError : Exception
{
    /// <summary>Creates the error.</summary>
    public NotFoundError(string message) : base(message) { }
}
