using System.Runtime.CompilerServices;

namespace GraphTrainer.Hosting;

/// <summary>
/// Lets NumSharp generate its kernels in a JIT-compiled app whose runtimeconfig says dynamic code is unsupported.
/// <c>dotnet run app.cs</c> builds file-based apps with <c>PublishAot=true</c>, which writes
/// <c>RuntimeFeature.IsDynamicCodeSupported=false</c> into the app's runtimeconfig even though <c>dotnet run</c>
/// executes it on the JIT, where dynamic code works; NumSharp's first arithmetic then throws
/// PlatformNotSupportedException. Apps that use the GraphTrainer package get <c>PublishAot=false</c> from its
/// buildTransitive targets; an app that references the project (<c>#:project</c>) cannot be given build properties
/// by it, so the switch is corrected here, when GraphTrainer is first used. A real native-AOT build ignores the
/// switch (the compiler fixes the feature to false), so this changes nothing there.
/// </summary>
internal static class JitDynamicCode
{
    private const string Switch = "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported";

#pragma warning disable CA2255 // A library module initializer is deliberate: it must run before NumSharp's first kernel.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void AllowWhereTheRuntimeConfigForbidsIt()
    {
        // Only the PublishAot default's "false" is undone; reading RuntimeFeature here would freeze the value first.
        if (AppContext.TryGetSwitch(Switch, out bool supported) && !supported)
            AppContext.SetSwitch(Switch, true);
    }
}
