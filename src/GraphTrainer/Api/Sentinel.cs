namespace GraphTrainer;

/// <summary>
/// TensorFlow's <c>_sentinel</c> guard (<c>nn_ops._ensure_xent_args</c>): the cross-entropy functions take a leading
/// <c>_sentinel</c> parameter that only a positional call fills, so the TF ≤ 0.12 order <c>f(logits, labels)</c>
/// fails at once instead of silently binding labels to the logits.
/// </summary>
internal static class Sentinel
{
    /// <summary>Throws TensorFlow's ValueError when <paramref name="sentinel"/> is given or labels/logits are missing.</summary>
    public static void Require(string function, object sentinel, Tensor labels, Tensor logits)
    {
        if (sentinel != null)
            throw new ValueError($"Only call `{function}` with named arguments (labels=..., logits=..., ...)");
        if (labels == null || logits == null)
            throw new ValueError("Both labels and logits must be provided.");
    }
}
