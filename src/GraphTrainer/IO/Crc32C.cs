using System.IO.Hashing;

namespace GraphTrainer.IO;

/// <summary>
/// CRC-32C (Castagnoli polynomial 0x1EDC6F41), the checksum TFRecord files and our checkpoints use, computed by
/// System.IO.Hashing's <see cref="Crc32"/> with its <see cref="Crc32ParameterSet.Crc32C"/> parameter set (hardware CRC
/// instructions where present). The IEEE polynomial of plain <c>Crc32</c> would produce files TensorFlow rejects.
/// What this class adds is TensorFlow's masking of stored CRCs.
/// </summary>
public static class Crc32C
{
    /// <summary>Constant TensorFlow adds when masking a CRC (see <see cref="Mask"/>).</summary>
    public const uint MaskDelta = 0xA282EAD8u;

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    /// <param name="data">Bytes to checksum.</param>
    /// <returns>The CRC, e.g. 0xE3069283 for the ASCII bytes "123456789".</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);

    /// <summary>
    /// Masks a CRC the way TFRecord stores it: rotate right by 15 bits and add
    /// <see cref="MaskDelta"/>. TensorFlow masks because computing the CRC of data that
    /// itself contains embedded CRCs is otherwise prone to degenerate results.
    /// </summary>
    /// <param name="crc">An unmasked CRC-32C.</param>
    /// <returns>The masked value written to disk.</returns>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);

    /// <summary>Inverts <see cref="Mask"/>.</summary>
    /// <param name="maskedCrc">A masked CRC as read from disk.</param>
    /// <returns>The original CRC-32C.</returns>
    public static uint Unmask(uint maskedCrc)
    {
        uint rot = unchecked(maskedCrc - MaskDelta);
        return (rot >> 17) | (rot << 15);
    }
}
