namespace GraphTrainer;

public partial class Tensor
{
    /// <summary>The device its producing op requests (TensorFlow's <c>tensor.device</c>: <c>op.device</c>); "" when unpinned.</summary>
    public string device => op.device;
}
