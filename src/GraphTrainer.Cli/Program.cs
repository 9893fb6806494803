using GraphTrainer.Cli;

return CliApp.CreateDefault().Run(args, CliContext.FromSystemConsole());
