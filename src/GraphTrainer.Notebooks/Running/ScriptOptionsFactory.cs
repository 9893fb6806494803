using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using NumSharp;

namespace GraphTrainer.Notebooks;

/// <summary>Builds the Roslyn <see cref="ScriptOptions"/> shared by all cells of one run.</summary>
internal static class ScriptOptionsFactory
{
    public static ScriptOptions Create(NotebookRunnerOptions options, string baseDirectory)
    {
        var references = new List<MetadataReference>();
        foreach (string path in options.References)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new FileNotFoundException($"Referenced assembly not found: {full}", full);
            references.Add(MetadataReference.CreateFromFile(full));
        }

        return ScriptOptions.Default
            // Relative #r and #load paths in cells are resolved against the notebook's directory, as in Jupyter.
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            // The engine is always available; a cell's #r to a built GraphTrainer.dll with the same identity binds to it.
            .AddReferences(typeof(Display).Assembly, typeof(NDArray).Assembly, typeof(tf).Assembly)
            .AddReferences(options.ReferencedAssemblies)
            .AddReferences(references)
            .WithImports(NotebookRunnerOptions.DefaultImports.Concat(options.Imports).Distinct())
            // Notebooks run training loops; optimized code matters more than stepping through a cell in a debugger.
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true);
    }

    /// <summary>Simple names of the assemblies a submission can already use (for <c>#r "nuget: ..."</c>).</summary>
    public static HashSet<string> ReferencedNames(ScriptOptions options, Script lastSubmission)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in options.MetadataReferences)
        {
            if (reference is PortableExecutableReference { FilePath: { } path })
                names.Add(Path.GetFileNameWithoutExtension(path));
            else if (reference.Display != null)
                names.Add(Path.GetFileNameWithoutExtension(reference.Display));
        }
        if (lastSubmission != null)
        {
            foreach (var identity in lastSubmission.GetCompilation().ReferencedAssemblyNames)
                names.Add(identity.Name);
        }
        return names;
    }
}
