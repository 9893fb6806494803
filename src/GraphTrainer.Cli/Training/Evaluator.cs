using GraphTrainer.Cli.Model;
using GraphTrainer.Cli.Data;
using NumSharp;

namespace GraphTrainer.Cli.Training;

/// <summary>Loss, accuracy and per-example predictions of a model on a whole data split.</summary>
/// <param name="Loss">Mean cross-entropy.</param>
/// <param name="Accuracy">Fraction correct, 0..1.</param>
/// <param name="Predictions">Predicted class per example, in the split's order.</param>
public sealed record Evaluation(double Loss, double Accuracy, long[] Predictions);

/// <summary>Runs a model's loss, accuracy and predictions over a split in one session call.</summary>
public static class Evaluator
{
    /// <summary>Rows per session call: large enough for efficient GEMMs, small enough that the activations and the
    /// fed copy stay in cache-friendly, reusable buffers (one 55,000-row call is several times slower).</summary>
    public const int ChunkRows = 5000;

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="images"/> / one-hot <paramref name="labels"/>.</summary>
    public static Evaluation Evaluate(Session session, ClassifierModel model, NDArray images, NDArray labels)
    {
        int rows = (int)images.shape[0];
        var predictions = new long[rows];
        double lossSum = 0, correctSum = 0;
        for (int start = 0; start < rows; start += ChunkRows)
        {
            int count = Math.Min(ChunkRows, rows - start);
            string range = $"{start}:{start + count}";
            var feed = new FeedDict { [model.Images] = images[range], [model.Labels] = labels[range] };
            var (loss, accuracy, predicted) = session.run((model.Loss, model.Accuracy, model.Predictions), feed);
            // The ops average over the chunk; weight by its size so a short last chunk counts correctly.
            lossSum += (float)loss * count;
            correctSum += (float)accuracy * count;
            predicted.ToArray<long>().CopyTo(predictions, start);
        }
        return new Evaluation(lossSum / Math.Max(rows, 1), correctSum / Math.Max(rows, 1), predictions);
    }

    /// <summary>Evaluates on a split in its stored order.</summary>
    public static Evaluation Evaluate(Session session, ClassifierModel model, Split split) =>
        Evaluate(session, model, split.Images, split.Labels);

    /// <summary>The class index of each one-hot row.</summary>
    public static int[] LabelIndices(NDArray oneHot)
    {
        var values = oneHot.ToArray<float>();
        int classes = (int)oneHot.shape[1];
        var result = new int[oneHot.shape[0]];
        for (int i = 0; i < result.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (values[i * classes + c] > values[i * classes + best])
                    best = c;
            result[i] = best;
        }
        return result;
    }
}
