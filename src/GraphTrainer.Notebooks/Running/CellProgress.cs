namespace GraphTrainer.Notebooks;

/// <summary>Where a code cell is in its run.</summary>
public enum CellPhase
{
    /// <summary>The cell is about to run.</summary>
    Started,

    /// <summary>The cell ran without error.</summary>
    Succeeded,

    /// <summary>The cell failed; the run stops.</summary>
    Failed,

    /// <summary>The cell is empty and was not run (as Jupyter does).</summary>
    Skipped,
}

/// <summary>A progress report for one code cell.</summary>
/// <param name="CellNumber">1-based number among the notebook's code cells.</param>
/// <param name="CellIndex">0-based index among all the notebook's cells.</param>
/// <param name="CodeCellCount">How many code cells the notebook has.</param>
/// <param name="Phase">What happened.</param>
/// <param name="Elapsed">Time the cell took (zero when starting or skipped).</param>
/// <param name="Notes">Remarks on the cell, such as ignored <c>#r "nuget: ..."</c> lines; empty when none.</param>
public sealed record CellProgress(int CellNumber, int CellIndex, int CodeCellCount, CellPhase Phase, TimeSpan Elapsed, IReadOnlyList<string> Notes);

/// <summary>What a successful run did.</summary>
/// <param name="ExecutedCells">Number of code cells run (empty cells are not run).</param>
/// <param name="Elapsed">Total time.</param>
/// <param name="InjectedParametersCellIndex">0-based index of the injected-parameters cell, or null when no parameters were given.</param>
public sealed record NotebookRunResult(int ExecutedCells, TimeSpan Elapsed, int? InjectedParametersCellIndex);
