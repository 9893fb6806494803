using GraphTrainer.Cli.Model;

namespace GraphTrainer.Cli.Training;

/// <summary>
/// Refuses a model that cannot fit before anything is allocated: a variable larger than a .NET array can hold, or
/// weights plus gradients and optimizer slots larger than the memory available. Without this check
/// <c>--hidden 100000000</c> ended in an OutOfMemoryException stack trace.
/// </summary>
public static class ModelBudget
{
    /// <summary>Throws a <see cref="CliException"/> naming the sizes when <paramref name="model"/> cannot fit.</summary>
    public static void Check(ClassifierModel model) => Check(model, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>As <see cref="Check(ClassifierModel)"/> with an explicit memory limit in bytes.</summary>
    public static void Check(ClassifierModel model, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var variable in model.Parameters)
        {
            var dims = variable.shape.dims;
            double elements = dims.Aggregate(1.0, (n, d) => n * d);
            if (elements > Array.MaxLength)
                throw new CliException(Format.Invariant(
                    $"the {model.Config.Model} model's {variable.op.Name} would hold {elements:N0} values ({string.Join("x", dims)}), more than one array can ({Array.MaxLength:N0}); use smaller --hidden sizes"));
        }
        // Weights, their gradients and the optimizer's slots (Adam: 2 per weight), all float32.
        double copies = 2 + Optimizers.SlotsPerVariable(model.Config.Optimizer);
        double bytes = model.ParameterCount * 4.0 * copies;
        if (bytes > availableBytes)
            throw new CliException(Format.Invariant(
                $"the {model.Config.Model} model has {model.ParameterCount:N0} parameters and needs about {bytes / (1L << 30):N1} GiB with its gradients and {model.Config.Optimizer} slots, more than the {availableBytes / (double)(1L << 30):N1} GiB available; use smaller --hidden sizes"));
    }
}
