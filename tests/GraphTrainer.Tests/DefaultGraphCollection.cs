namespace GraphTrainer.Tests;

/// <summary>
/// Tests that use the process-wide default graph or default session run one at a time: the default graph is
/// deliberately shared across threads (notebook cells run on different threads), so parallel test classes
/// would see each other's ops.
/// </summary>
[CollectionDefinition("DefaultGraph", DisableParallelization = true)]
public class DefaultGraphCollection { }
