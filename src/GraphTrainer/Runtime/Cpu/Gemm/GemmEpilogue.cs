using System.Numerics;

namespace GraphTrainer.Runtime.Cpu;

/// <summary>The degenerate case k = 0 or alpha = 0: no product, only C = beta·C + bias, then ReLU.</summary>
internal static unsafe class GemmEpilogue
{
    /// <summary>Applies beta (C not read when beta is 0), bias and ReLU to C in place.</summary>
    public static void ScaleOnly<T>(in GemmArgs<T> g) where T : unmanaged, INumber<T>
    {
        bool hasBeta = g.Beta != T.Zero;
        for (int i = 0; i < g.M; i++)
        {
            T* c = g.C + i * g.Ldc;
            for (int j = 0; j < g.N; j++)
            {
                T v = hasBeta ? g.Beta * c[j] : T.Zero;
                if (g.Bias != null) v += g.Bias[j];
                if (g.Relu && v < T.Zero) v = T.Zero;
                c[j] = v;
            }
        }
    }
}
