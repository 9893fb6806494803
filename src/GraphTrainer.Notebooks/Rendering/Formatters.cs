using System.Collections;
using NumSharp;

namespace GraphTrainer.Notebooks;

/// <summary>
/// The registry that turns values into <see cref="DisplayOutput"/>s for <see cref="Display.display(object)"/> and for
/// a cell's trailing expression. Built in: strings, NumSharp <c>NDArray</c>, <see cref="DigitImage"/>, <see cref="DigitGrid"/>,
/// <see cref="LineChart"/>, and the engine's graph objects (<see cref="EngineFormatters"/>); other assemblies register
/// formatters for their own types.
/// </summary>
/// <remarks>
/// Lookup order for a value of runtime type <c>T</c>: a formatter registered for <c>T</c>, then for each base class
/// of <c>T</c> nearest first, then for an interface <c>T</c> implements (the latest registered wins), then the
/// default: <c>ToString()</c>, with sequences shown as <c>[a, b, ...]</c>.
/// </remarks>
public static class Formatters
{
    private const int MaxSequenceItems = 20;
    private static readonly object Gate = new();
    // Registration order matters for interface formatters, so keep an ordered list next to the lookup table.
    private static readonly Dictionary<Type, Func<object, DisplayOutput>> ByType = new();
    private static readonly List<Type> Order = new();

    static Formatters()
    {
        Register<DisplayOutput>(d => d);
        Register<string>(DisplayOutput.FromText);
        Register<NDArray>(a => NDArrayFormatter.Format(a));
        Register<DigitImage>(d => d.ToDisplayOutput());
        Register<DigitGrid>(g => g.ToDisplayOutput());
        Register<LineChart>(c => c.ToDisplayOutput());
        EngineFormatters.Register();
    }

    /// <summary>Registers (or replaces) the formatter for values of type <typeparamref name="T"/> and its subtypes.</summary>
    /// <typeparam name="T">A class, struct or interface type.</typeparam>
    /// <param name="formatter">Turns a value into a mime bundle; must include <c>text/plain</c>.</param>
    public static void Register<T>(Func<T, DisplayOutput> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (Gate)
        {
            if (ByType.ContainsKey(typeof(T)))
                Order.Remove(typeof(T));
            ByType[typeof(T)] = value => formatter((T)value);
            Order.Add(typeof(T));
        }
    }

    /// <summary>Removes the formatter registered for <typeparamref name="T"/>; returns whether there was one.</summary>
    /// <typeparam name="T">The type registered.</typeparam>
    public static bool Unregister<T>()
    {
        lock (Gate)
        {
            Order.Remove(typeof(T));
            return ByType.Remove(typeof(T));
        }
    }

    /// <summary>Formats <paramref name="value"/> with the best matching formatter (see remarks on the class).</summary>
    /// <param name="value">Any value; null formats as <c>&lt;null&gt;</c>.</param>
    public static DisplayOutput Format(object value)
    {
        if (value == null)
            return DisplayOutput.FromText("<null>");
        var formatter = Find(value.GetType());
        if (formatter != null)
            return formatter(value) ?? throw new InvalidOperationException($"The formatter for {value.GetType()} returned null.");
        return DisplayOutput.FromText(DefaultText(value));
    }

    /// <summary>The types with a formatter, in registration order (what <see cref="KernelFormatting"/> hands to the kernel).</summary>
    public static IReadOnlyList<Type> RegisteredTypes
    {
        get
        {
            lock (Gate)
                return Order.ToList();
        }
    }

    private static Func<object, DisplayOutput> Find(Type type)
    {
        lock (Gate)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (ByType.TryGetValue(t, out var exact))
                    return exact;
            }
            for (int i = Order.Count - 1; i >= 0; i--)
            {
                if (Order[i].IsInterface && Order[i].IsAssignableFrom(type))
                    return ByType[Order[i]];
            }
            return null;
        }
    }

    private static string DefaultText(object value)
    {
        if (value is not IEnumerable sequence)
            return value.ToString() ?? "";
        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (items.Count == MaxSequenceItems)
            {
                items.Add("...");
                break;
            }
            items.Add(item == null ? "<null>" : DefaultText(item));
        }
        return "[" + string.Join(", ", items) + "]";
    }
}
