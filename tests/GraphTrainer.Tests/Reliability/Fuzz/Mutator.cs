using System.Buffers.Binary;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>Seeded byte-level mutations in the manner of AFL's havoc stage: flips, boundary values, cuts, inserts, copies.</summary>
internal static class Mutator
{
    private static readonly uint[] Interesting =
        { 0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 60000, 784, 2051, 2049 };

    /// <summary>A copy of <paramref name="input"/> with one to four random mutations.</summary>
    public static byte[] Mutate(Random r, byte[] input)
    {
        var b = new List<byte>(input);
        int mutations = 1 + r.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            if (b.Count == 0) b.Add((byte)r.Next(256));
            int at = r.Next(b.Count);
            switch (r.Next(8))
            {
                case 0:
                    b[at] ^= (byte)(1 << r.Next(8));
                    break;
                case 1:
                    b[at] = (byte)r.Next(256);
                    break;
                case 2:
                case 3:
                    WriteInteresting(r, b, at);
                    break;
                case 4:
                    b.RemoveRange(at, b.Count - at); // truncate
                    break;
                case 5:
                    var junk = new byte[1 + r.Next(16)];
                    r.NextBytes(junk);
                    b.InsertRange(at, junk);
                    break;
                case 6:
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + r.Next(32)));
                    break;
                default:
                    int from = r.Next(b.Count), length = Math.Min(b.Count - from, 1 + r.Next(64));
                    b.InsertRange(at, b.GetRange(from, length));
                    break;
            }
        }
        return b.ToArray();
    }

    /// <summary>Overwrites a 4- or 8-byte field at <paramref name="at"/> with a boundary value, either endianness.</summary>
    public static void WriteInteresting(Random r, IList<byte> b, int at)
    {
        Span<byte> field = stackalloc byte[8];
        ulong value = Interesting[r.Next(Interesting.Length)];
        if (r.Next(4) == 0) value |= (ulong)Interesting[r.Next(Interesting.Length)] << 32;
        int width = r.Next(2) == 0 ? 4 : 8;
        if (r.Next(2) == 0)
        {
            if (width == 4) BinaryPrimitives.WriteUInt32BigEndian(field, (uint)value);
            else BinaryPrimitives.WriteUInt64BigEndian(field, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(field, value);
        }
        for (int i = 0; i < width && at + i < b.Count; i++) b[at + i] = field[i];
    }
}
