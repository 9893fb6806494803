using GraphTrainer.Cli;

// The first Ctrl+C asks the command to stop cleanly (train saves a checkpoint at the current step); a second one
// ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (interrupt.IsCancellationRequested)
        return;
    e.Cancel = true;
    interrupt.Cancel();
};
return CliApp.CreateDefault().Run(args, CliContext.FromSystemConsole(interrupt.Token));
