namespace GraphTrainer;

public static partial class tf
{
    /// <summary>TF 1.x's functional layers (tf.layers): each builds its variables under a variable scope and emits primitive ops.</summary>
    public static partial class layers
    {
    }
}
