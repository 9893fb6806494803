using System.Globalization;

namespace GraphTrainer.Cli.Training;

/// <summary>Running figures of the epoch in progress, for a progress display.</summary>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in the epoch.</param>
/// <param name="Loss">Mean batch loss so far in the epoch.</param>
/// <param name="Accuracy">Mean batch accuracy so far in the epoch.</param>
/// <param name="Seconds">Seconds spent on this epoch's steps so far.</param>
/// <param name="StepsTimed">Steps the <paramref name="Seconds"/> cover (fewer than <paramref name="Step"/> after a resume mid-epoch).</param>
/// <param name="ValidationLoss">The latest validation loss (the previous epoch's), or null before the first.</param>
public readonly record struct StepProgress(int Step, int Steps, double Loss, double Accuracy, double Seconds, int StepsTimed, double? ValidationLoss)
{
    /// <summary>Milliseconds per step so far.</summary>
    public double MillisecondsPerStep => StepsTimed > 0 ? Seconds * 1000 / StepsTimed : 0;

    /// <summary>Estimated seconds to the end of the epoch.</summary>
    public double EtaSeconds => MillisecondsPerStep * (Steps - Step) / 1000;
}

/// <summary>Keras-style progress text: <c>120/550 [=====>......] - ETA: 3s - 2.1ms/step - loss: 0.3121 - acc: 91.20% - val_loss: 0.2100</c>.</summary>
public static class ProgressLine
{
    /// <summary>The live line while an epoch runs.</summary>
    /// <param name="p">The progress.</param>
    /// <param name="barWidth">Characters in the bar; 0 leaves the bar out (a graphical bar is drawn elsewhere).</param>
    public static string Live(StepProgress p, int barWidth = 30)
    {
        string counter = p.Step.ToString(CultureInfo.InvariantCulture).PadLeft(p.Steps.ToString(CultureInfo.InvariantCulture).Length) + "/" +
                         p.Steps.ToString(CultureInfo.InvariantCulture);
        string text = counter + (barWidth > 0 ? " " + Bar(p.Step, p.Steps, barWidth) : "") +
                      $" - ETA: {Duration(p.EtaSeconds)} - {StepTime(p.MillisecondsPerStep)} - loss: {Number(p.Loss)} - acc: {Format.Percent(p.Accuracy)}";
        return p.ValidationLoss is { } v ? text + $" - val_loss: {Number(v)}" : text;
    }

    /// <summary>The line of a finished epoch.</summary>
    public static string EpochEnd(EpochMetrics m, int steps) =>
        Format.Invariant($"{steps}/{steps}  {Duration(m.Seconds)}  {StepTime(steps > 0 ? m.Seconds * 1000 / steps : 0)}  ") +
        $"loss {Number(m.TrainLoss)}  acc {Format.Percent(m.TrainAccuracy)}  val_loss {Number(m.ValidationLoss)}  val_acc {Format.Percent(m.ValidationAccuracy)}";

    /// <summary>Keras's bar: <c>[=====&gt;......]</c>, full with <c>=</c> at the end.</summary>
    public static string Bar(int step, int steps, int width)
    {
        int done = steps > 0 ? (int)((long)step * width / steps) : width;
        if (done >= width)
            return "[" + new string('=', width) + "]";
        return "[" + new string('=', done) + ">" + new string('.', width - done - 1) + "]";
    }

    /// <summary>Seconds as Keras shows an ETA: <c>7s</c>, <c>1:05</c>, <c>1:01:05</c>.</summary>
    public static string Duration(double seconds)
    {
        long s = (long)Math.Round(Math.Max(0, seconds));
        return s < 60 ? $"{s}s"
            : s < 3600 ? $"{s / 60}:{s % 60:00}"
            : $"{s / 3600}:{s % 3600 / 60:00}:{s % 60:00}";
    }

    /// <summary>Time per step: <c>2.1ms/step</c>, <c>1.50s/step</c> when slower than a second.</summary>
    public static string StepTime(double milliseconds) =>
        milliseconds >= 1000 ? Format.Invariant($"{milliseconds / 1000:F2}s/step") : Format.Invariant($"{milliseconds:F1}ms/step");

    private static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
