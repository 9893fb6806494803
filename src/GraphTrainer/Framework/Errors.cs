namespace GraphTrainer;

/// <summary>Python's ValueError: a bad argument or an incompatible shape found while building the graph.</summary>
public class ValueError : Exception
{
    /// <summary>Creates the error.</summary>
    public ValueError(string message, Exception inner = null) : base(message, inner) { }
}

/// <summary>Python's KeyError: a name that is not in the graph.</summary>
public class KeyError : Exception
{
    /// <summary>Creates the error.</summary>
    public KeyError(string message) : base(message) { }
}

/// <summary>Python's TypeError: a wrong dtype or kind of argument.</summary>
public class TypeError : Exception
{
    /// <summary>Creates the error.</summary>
    public TypeError(string message) : base(message) { }
}

/// <summary>TensorFlow's InvalidArgumentError: a bad feed or a run-time shape problem.</summary>
public class InvalidArgumentError : Exception
{
    /// <summary>Creates the error.</summary>
    public InvalidArgumentError(string message, Exception inner = null) : base(message, inner) { }
}

/// <summary>TensorFlow's FailedPreconditionError, e.g. reading an uninitialized variable.</summary>
public class FailedPreconditionError : Exception
{
    /// <summary>Creates the error.</summary>
    public FailedPreconditionError(string message) : base(message) { }
}

/// <summary>
/// Raised by shape rules; the graph adds the op name, type and input shapes, producing TensorFlow's text:
/// <c>Dimensions must be equal, but are 60 and 10 for 'Sub' (op: 'Sub') with input shapes: [?,60], [?,10].</c>
/// </summary>
public sealed class ShapeError : Exception
{
    /// <summary>Creates the error with the rule's reason.</summary>
    public ShapeError(string reason) : base(reason) { }

    /// <summary>Appended after TensorFlow's text, e.g. the variable an Assign writes.</summary>
    public string Detail { get; init; }

    internal string Format(Operation op) =>
        $"{Message} for '{op.Name}' (op: '{op.Type}') with input shapes: " +
        string.Join(", ", op.Inputs.Select(i => i.shape.ToString())) + "." + Detail;
}

/// <summary>Python's LookupError: no gradient is registered for an op on the differentiation path.</summary>
public class LookupError : Exception
{
    /// <summary>Creates the error.</summary>
    public LookupError(string message) : base(message) { }
}
