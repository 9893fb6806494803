using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ArmCrc = System.Runtime.Intrinsics.Arm.Crc32;
using X86Crc = System.Runtime.Intrinsics.X86.Sse42;

namespace GraphTrainer.IO;

/// <summary>
/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum TFRecord
/// files and our checkpoints use. <c>System.IO.Hashing.Crc32</c> is the IEEE polynomial and
/// would produce files TensorFlow rejects, hence this implementation: hardware CRC32
/// instructions (SSE4.2 or ARMv8) when present, slicing-by-8 tables otherwise.
/// </summary>
public static class Crc32C
{
    /// <summary>The reflected Castagnoli polynomial.</summary>
    private const uint Polynomial = 0x82F63B78u;

    /// <summary>Constant TensorFlow adds when masking a CRC (see <see cref="Mask"/>).</summary>
    public const uint MaskDelta = 0xA282EAD8u;

    // Table[k][b]: CRC contribution of byte b followed by k zero bytes (slicing-by-8).
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    /// <param name="data">Bytes to checksum.</param>
    /// <returns>The CRC, e.g. 0xE3069283 for the ASCII bytes "123456789".</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Extend(0, data);

    /// <summary>
    /// Extends <paramref name="crc"/> (the CRC-32C of some prefix) with more bytes, so
    /// <c>Extend(Compute(a), b) == Compute(a + b)</c>; lets large buffers be checksummed in pieces.
    /// </summary>
    /// <param name="crc">CRC of the bytes seen so far (0 for none).</param>
    /// <param name="data">The following bytes.</param>
    /// <returns>The CRC of the concatenation.</returns>
    public static uint Extend(uint crc, ReadOnlySpan<byte> data)
    {
        // CRC-32C pre- and post-inverts the register; the hardware instructions do neither.
        uint state = ~crc;
        if (X86Crc.X64.IsSupported) state = UpdateX64(state, data);
        else if (X86Crc.IsSupported) state = UpdateX86(state, data);
        else if (ArmCrc.Arm64.IsSupported) state = UpdateArm64(state, data);
        else state = UpdateTable(state, data);
        return ~state;
    }

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

    /// <summary>Table-only CRC, exposed so tests can check it against the hardware path.</summary>
    internal static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    private static uint UpdateX64(uint state, ReadOnlySpan<byte> data)
    {
        ulong s = state;
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        // The instruction consumes the word in memory order, so on a little-endian host
        // MemoryMarshal's reinterpretation feeds the bytes in the right sequence.
        foreach (ulong w in words) s = X86Crc.X64.Crc32(s, w);
        uint st = (uint)s;
        foreach (byte b in data[(words.Length * 8)..]) st = X86Crc.Crc32(st, b);
        return st;
    }

    private static uint UpdateX86(uint state, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> words = MemoryMarshal.Cast<byte, uint>(data);
        foreach (uint w in words) state = X86Crc.Crc32(state, w);
        foreach (byte b in data[(words.Length * 4)..]) state = X86Crc.Crc32(state, b);
        return state;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong w in words) state = ArmCrc.Arm64.ComputeCrc32C(state, w);
        foreach (byte b in data[(words.Length * 8)..]) state = ArmCrc.ComputeCrc32C(state, b);
        return state;
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        while (data.Length >= 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ state;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            state = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)]
                  ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                  ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)]
                  ^ t[1 * 256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }
        foreach (byte b in data) state = t[(state ^ b) & 0xFF] ^ (state >> 8);
        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[i] = c;
        }
        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint prev = table[(k - 1) * 256 + i];
                table[k * 256 + i] = (prev >> 8) ^ table[prev & 0xFF];
            }
        }
        return table;
    }
}
