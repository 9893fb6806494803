using GraphTrainer.Cli;
using GraphTrainer.Cli.Training;

// While training, the first Ctrl+C asks the loop to save a checkpoint at the current step and stop; a second one,
// or one at any other time, ends the process at once as usual.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (interrupt.IsCancellationRequested || !TrainingLoop.AnyRunning)
        return;
    e.Cancel = true;
    interrupt.Cancel();
};
return CliApp.CreateDefault().Run(args, CliContext.FromSystemConsole(interrupt.Token));
