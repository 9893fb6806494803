using System.Reflection;
using System.Reflection.Emit;
using ILGPU;

namespace GraphTrainer.Gpu.Tests.Ptx;

/// <summary>
/// Finds the ILGPU kernel methods of the GraphTrainer.Gpu assembly two ways, so a kernel added later (by any family) is
/// found without a list to maintain: methods marked <see cref="GpuKernelAttribute"/>, and every static method the
/// assembly's IL turns into a delegate (<c>ldftn</c>) that takes an ILGPU value type (an index or an ArrayView) — which
/// is how a kernel reaches <c>Load*Kernel</c>. The IL scan also yields the closed instantiations of generic kernels.
/// </summary>
internal static class KernelDiscovery
{
    public static readonly Assembly GpuAssembly = typeof(GpuKernelAttribute).Assembly;
    private static readonly Assembly IlgpuAssembly = typeof(ArrayView<>).Assembly;
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>Every method of the assembly carrying <see cref="GpuKernelAttribute"/> (generic ones as definitions).</summary>
    public static IEnumerable<MethodInfo> Marked() =>
        GpuAssembly.GetTypes().SelectMany(t => t.GetMethods(All)).Where(m => m.IsDefined(typeof(GpuKernelAttribute), false));

    /// <summary>Static methods the assembly makes delegates of that take ILGPU value types: kernels, as loaded at run time.</summary>
    public static IEnumerable<MethodInfo> DelegateTargets(Assembly assembly = null) =>
        (assembly ?? GpuAssembly).GetTypes()
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
            .SelectMany(FunctionPointersLoadedBy)
            .OfType<MethodInfo>()
            .Where(m => m.IsStatic && m.GetParameters().Any(p => IsIlgpuValue(p.ParameterType)))
            .Distinct();

    /// <summary>True when the kernel takes an index first (implicitly grouped); explicitly grouped kernels do not.</summary>
    public static bool IsImplicitlyGrouped(MethodInfo kernel)
    {
        var first = kernel.GetParameters().FirstOrDefault()?.ParameterType;
        return first != null && first.Assembly == IlgpuAssembly && first.Namespace == "ILGPU"
               && (first.Name.StartsWith("Index", StringComparison.Ordinal) || first.Name.StartsWith("LongIndex", StringComparison.Ordinal));
    }

    /// <summary>The closed kernels to compile: each marked or loaded kernel, generic ones once per known instantiation.</summary>
    public static IReadOnlyList<MethodInfo> ClosedKernels(out List<string> problems)
    {
        problems = new List<string>();
        var loaded = DelegateTargets().ToList();
        var definitions = Marked().Concat(loaded.Select(m => m.IsGenericMethod ? m.GetGenericMethodDefinition() : m)).Distinct().ToList();
        var result = new List<MethodInfo>();
        foreach (var def in definitions)
        {
            if (!def.IsGenericMethodDefinition) { result.Add(def); continue; }
            if (def.GetCustomAttributes<GpuKernelAttribute>().Any(a => a.PerFunctionStruct))
            {
                result.AddRange(PerFunctionStruct(def));
                continue;
            }
            var closed = loaded.Where(m => m.IsGenericMethod && !m.ContainsGenericParameters && m.GetGenericMethodDefinition() == def).ToList();
            foreach (var attr in def.GetCustomAttributes<GpuKernelAttribute>().Where(a => a.TypeArguments.Length > 0))
                closed.Add(def.MakeGenericMethod(attr.TypeArguments));
            if (closed.Count == 0)
                problems.Add($"{Name(def)} is generic but no instantiation is known: name its type arguments in [GpuKernel(typeof(...))].");
            result.AddRange(closed.DistinctBy(Name));
        }
        return result;
    }

    /// <summary>The closed kernels, discovered once per test process (the IL scan is not free).</summary>
    public static IReadOnlyList<MethodInfo> Closed => s_closed.Value;
    private static readonly Lazy<IReadOnlyList<MethodInfo>> s_closed = new(() => ClosedKernels(out _));

    // A kernel generic over function structs (element-wise <TIn, TOut, TOp>, reductions <T, TR, TM>, arg reductions
    // <T, TO>) closed once per combination of structs implementing its interface constraints, the other type parameters
    // read off those interfaces, so a new op, reducer or order struct is compiled without being listed anywhere.
    private static IEnumerable<MethodInfo> PerFunctionStruct(MethodInfo def)
    {
        var parameters = def.GetGenericArguments();
        var constrained = parameters.Select(p => (Param: p, Constraint: p.GetGenericParameterConstraints()
                .FirstOrDefault(c => c.IsInterface && c.IsGenericType)))
            .Where(pc => pc.Constraint != null).ToList();
        // Per constrained parameter: each (struct, interface) pair that satisfies it (a struct may implement the
        // interface for several element types, e.g. IGpuUnary<float, float> and IGpuUnary<double, double>).
        var candidates = constrained.Select(pc => FunctionStructs()
            .SelectMany(s => s.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == pc.Constraint.GetGenericTypeDefinition())
                .Select(i => (Struct: s, Interface: i)))
            .ToList()).ToList();
        IEnumerable<(Type Struct, Type Interface)[]> Combinations(int k) => k == candidates.Count
            ? new[] { Array.Empty<(Type, Type)>() }
            : candidates[k].SelectMany(c => Combinations(k + 1).Select(rest => rest.Prepend(c).ToArray()));
        var seen = new HashSet<string>();
        foreach (var combination in Combinations(0))
        {
            var bound = new Dictionary<Type, Type>();
            bool consistent = true;
            for (int k = 0; k < constrained.Count && consistent; k++)
            {
                var (param, constraint) = constrained[k];
                bound[param] = combination[k].Struct;
                foreach (var (formal, actual) in constraint.GetGenericArguments().Zip(combination[k].Interface.GetGenericArguments()))
                    if (formal.IsGenericParameter)
                        consistent &= !bound.TryGetValue(formal, out var already) ? (bound[formal] = actual) == actual : already == actual;
            }
            if (!consistent || parameters.Any(p => !bound.ContainsKey(p))) continue;
            MethodInfo closed;
            try { closed = def.MakeGenericMethod(parameters.Select(p => bound[p]).ToArray()); }
            catch (ArgumentException) { continue; } // a combination the remaining constraints rule out
            if (seen.Add(Name(closed))) yield return closed;
        }
    }

    // The assembly's non-generic structs, the one-parameter generic ones (Same<T>) closed over the kernels' element
    // types, and Cast's bool sources FromBool<TOut, TFromByte> closed as CastKernels closes them.
    private static IReadOnlyList<Type> FunctionStructs() => s_functionStructs.Value;
    private static readonly Lazy<IReadOnlyList<Type>> s_functionStructs = new(() =>
    {
        var types = GpuAssembly.GetTypes().Where(t => t.IsValueType).ToList();
        var structs = types.Where(t => !t.IsGenericTypeDefinition).ToList();
        foreach (var generic in types.Where(t => t.IsGenericTypeDefinition && t.GetGenericArguments().Length == 1))
            foreach (var element in new[] { typeof(float), typeof(double), typeof(int), typeof(long), typeof(byte) })
            {
                try { structs.Add(generic.MakeGenericType(element)); }
                catch (ArgumentException) { } // an element type its constraints exclude
            }
        var fromBool = GpuAssembly.GetType("GraphTrainer.Gpu.FromBool`2", throwOnError: true)!;
        foreach (var (target, converter) in new[] { (typeof(float), "ToF32"), (typeof(double), "ToF64"), (typeof(int), "ToI32"), (typeof(long), "ToI64"), (typeof(byte), "ToU8") })
            structs.Add(fromBool.MakeGenericType(target, GpuAssembly.GetType("GraphTrainer.Gpu." + converter, throwOnError: true)!));
        return structs;
    });

    /// <summary>A readable name: Type.Method&lt;args&gt;.</summary>
    public static string Name(MethodInfo m) =>
        $"{m.DeclaringType!.Name}.{m.Name}" + (m.IsGenericMethod ? "<" + string.Join(",", m.GetGenericArguments().Select(a => a.Name)) + ">" : "");

    private static bool IsIlgpuValue(Type t) => t.IsValueType && t.Assembly == IlgpuAssembly;

    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    // The methods whose function pointers `method` loads (ldftn), decoding its IL instruction by instruction.
    private static IEnumerable<MethodBase> FunctionPointersLoadedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var op = s_opCodes[value];
            i += op.Size;
            if (op == OpCodes.Ldftn)
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs)!;
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
