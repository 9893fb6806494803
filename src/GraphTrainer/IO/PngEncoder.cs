using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GraphTrainer.IO;

/// <summary>
/// A minimal PNG encoder for 8-bit grayscale, gray+alpha, RGB and RGBA images (filter type 0 on every row, zlib
/// compressed), what TensorFlow's image summaries store for TensorBoard.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes <paramref name="pixels"/> (rows of width·channels bytes) as PNG.</summary>
    /// <param name="pixels">height·width·channels bytes, row-major, channels interleaved.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <param name="channels">1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA).</param>
    /// <returns>The PNG file bytes.</returns>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        if (height < 1 || width < 1) throw new ArgumentException($"A PNG needs at least one pixel, got {height}x{width}.");
        byte colorType = channels switch
        {
            1 => 0, 2 => 4, 3 => 2, 4 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG images have 1, 2, 3 or 4 channels."),
        };
        int stride = width * channels;
        if (pixels.Length != (long)height * stride) throw new ArgumentException($"Expected {height * stride} pixel bytes, got {pixels.Length}.");

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, no interlace
        WriteChunk(png, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int row = 0; row < height; row++)
            {
                z.WriteByte(0); // filter: none
                z.Write(pixels.Slice(row * stride, stride));
            }
        }
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", ReadOnlySpan<byte>.Empty);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        s.Write(word);
    }

    // The CRC-32 of the PNG specification (ISO 3309), over the chunk type and data.
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
