namespace GraphTrainer.Gpu;

/// <summary>
/// sin and cos in float64 written out in plain arithmetic (as <see cref="DeviceMath"/> does for exp and log), for the
/// Box–Muller angle of the random kernels: ILGPU's PTX lowering of XMath.Sin/Cos is the hardware approximation for
/// float32 and a routine hundreds of ulp off for float64. Accurate to about an ulp for |x| up to a few multiples of
/// π (the angle is in [0, 2π)): the argument is reduced by the nearest multiple of π/2 with a two-part π/2, then
/// fdlibm's minimax polynomials for sin and cos on [−π/4, π/4] are applied by quadrant.
/// </summary>
internal static class DeviceTrig
{
    private const double InvPio2 = 6.36619772367581382433e-01;
    // π/2 as a 33-bit head (n·Pio2Hi is exact for small n) and its tail.
    private const double Pio2Hi = 1.57079632673412561417e+00;
    private const double Pio2Lo = 6.07710050650619224932e-11;

    private const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;

    /// <summary>sin x and cos x.</summary>
    public static void SinCos(double x, out double sin, out double cos)
    {
        double k = DeviceMath.Floor(x * InvPio2 + 0.5);
        double r = x - k * Pio2Hi - k * Pio2Lo;
        double z = r * r;
        double s = r + z * r * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        double c = 1.0 - (0.5 * z - z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6))))));
        int quadrant = (int)(k - 4.0 * DeviceMath.Floor(k * 0.25));
        if (quadrant == 0) { sin = s; cos = c; }
        else if (quadrant == 1) { sin = c; cos = -s; }
        else if (quadrant == 2) { sin = -s; cos = -c; }
        else { sin = -c; cos = s; }
    }
}
