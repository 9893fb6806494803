using System.Buffers.Binary;
using System.Text;

namespace GraphTrainer.IO;

/// <summary>
/// Byte layout of a <c>.gtckpt</c> file (documented in docs/checkpoint-format.md).
/// All integers are little-endian.
/// <code>
/// header (40 bytes)
///   0  magic "GTCKPT\r\n"          8 bytes
///   8  format version (1)          uint32
///  12  entry count                 uint32
///  16  index length in bytes       uint64
///  24  total file length in bytes  uint64
///  32  CRC-32C of the index        uint32
///  36  CRC-32C of header bytes 0..35  uint32
/// index (entry count records, starting at byte 40)
///   name length uint32, name UTF-8; dtype length uint8, dtype ASCII;
///   rank uint32, dims int64[rank]; data offset uint64; data length uint64; data CRC-32C uint32
/// data: each entry's bytes at its offset, offsets aligned to 64, zero padding between
/// </code>
/// </summary>
internal static class CheckpointFormat
{
    /// <summary>Extension appended to a checkpoint path prefix.</summary>
    public const string Extension = ".gtckpt";

    /// <summary>Current (and only) format version.</summary>
    public const uint Version = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 40;

    /// <summary>Alignment of each entry's data, so readers can map tensors without copying.</summary>
    public const int DataAlignment = 64;

    // "\r\n" after the name catches files mangled by text-mode line-ending conversion, as PNG does.
    public static ReadOnlySpan<byte> Magic => "GTCKPT\r\n"u8;

    /// <summary>Parsed header fields.</summary>
    public readonly record struct Header(uint Version, uint EntryCount, ulong IndexLength, ulong FileLength, uint IndexCrc);

    /// <summary>One index record.</summary>
    public sealed record IndexEntry(string Name, string DType, long[] Shape, ulong Offset, ulong Length, uint Crc);

    public static long AlignUp(long value) => (value + DataAlignment - 1) / DataAlignment * DataAlignment;

    /// <summary>Encoded size of one index record.</summary>
    public static long IndexRecordSize(string name, string dtype, int rank) =>
        4L + Encoding.UTF8.GetByteCount(name) + 1 + Encoding.ASCII.GetByteCount(dtype) + 4 + 8L * rank + 8 + 8 + 4;

    public static void WriteHeader(Span<byte> dest, Header h)
    {
        Magic.CopyTo(dest);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[8..], h.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[12..], h.EntryCount);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], h.IndexLength);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[24..], h.FileLength);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[32..], h.IndexCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[36..], Crc32C.Compute(dest[..36]));
    }

    /// <summary>Parses and checks a header; returns null and a reason when it is bad.</summary>
    public static Header? TryReadHeader(ReadOnlySpan<byte> src, out string problem)
    {
        if (!src[..8].SequenceEqual(Magic))
        {
            problem = "bad magic (not a GraphTrainer checkpoint)";
            return null;
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(src[36..]);
        uint actual = Crc32C.Compute(src[..36]);
        if (stored != actual)
        {
            problem = $"header CRC mismatch (stored 0x{stored:X8}, computed 0x{actual:X8})";
            return null;
        }
        var h = new Header(
            BinaryPrimitives.ReadUInt32LittleEndian(src[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(src[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(src[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(src[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(src[32..]));
        if (h.Version != Version)
        {
            problem = $"unsupported format version {h.Version} (this reader supports {Version})";
            return null;
        }
        problem = null;
        return h;
    }

    public static byte[] EncodeIndex(IReadOnlyList<IndexEntry> entries)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            foreach (IndexEntry e in entries)
            {
                byte[] name = Encoding.UTF8.GetBytes(e.Name);
                byte[] dtype = Encoding.ASCII.GetBytes(e.DType);
                w.Write((uint)name.Length);
                w.Write(name);
                w.Write((byte)dtype.Length);
                w.Write(dtype);
                w.Write((uint)e.Shape.Length);
                foreach (long d in e.Shape) w.Write(d);
                w.Write(e.Offset);
                w.Write(e.Length);
                w.Write(e.Crc);
            }
        }
        return ms.ToArray();
    }

    /// <summary>
    /// Decodes the index. Throws <see cref="FormatException"/> on any structural problem;
    /// the reader turns that into a <see cref="CheckpointCorruptException"/> for "index".
    /// </summary>
    public static List<IndexEntry> DecodeIndex(ReadOnlySpan<byte> src, uint count)
    {
        var entries = new List<IndexEntry>((int)Math.Min(count, 4096));
        int pos = 0;
        for (uint i = 0; i < count; i++)
        {
            uint nameLen = ReadU32(src, ref pos, i);
            if (nameLen > (uint)src.Length) throw new FormatException($"entry {i} has name length {nameLen}");
            string name = Encoding.UTF8.GetString(Take(src, ref pos, (int)nameLen, i));
            int dtypeLen = Take(src, ref pos, 1, i)[0];
            string dtype = Encoding.ASCII.GetString(Take(src, ref pos, dtypeLen, i));
            uint rank = ReadU32(src, ref pos, i);
            if (rank > 64) throw new FormatException($"entry {i} ('{name}') has rank {rank}");
            var shape = new long[rank];
            for (int d = 0; d < shape.Length; d++) shape[d] = (long)ReadU64(src, ref pos, i);
            ulong offset = ReadU64(src, ref pos, i);
            ulong length = ReadU64(src, ref pos, i);
            uint crc = ReadU32(src, ref pos, i);
            entries.Add(new IndexEntry(name, dtype, shape, offset, length, crc));
        }
        if (pos != src.Length) throw new FormatException($"{src.Length - pos} unexpected bytes after the last entry");
        return entries;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> src, ref int pos, int n, uint entry)
    {
        if (n < 0 || pos > src.Length - n) throw new FormatException($"entry {entry} runs past the end of the index");
        ReadOnlySpan<byte> s = src.Slice(pos, n);
        pos += n;
        return s;
    }

    private static uint ReadU32(ReadOnlySpan<byte> src, ref int pos, uint entry) =>
        BinaryPrimitives.ReadUInt32LittleEndian(Take(src, ref pos, 4, entry));

    private static ulong ReadU64(ReadOnlySpan<byte> src, ref int pos, uint entry) =>
        BinaryPrimitives.ReadUInt64LittleEndian(Take(src, ref pos, 8, entry));
}
