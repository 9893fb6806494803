using GraphTrainer.Tutorials;

// dotnet run --project src/GraphTrainer.Tutorials -c Release -- <name> [--epochs N]
return TutorialCatalog.Main(args, Console.Out, Console.Error);
