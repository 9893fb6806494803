using System.Text;
using GraphTrainer.IO;

namespace GraphTrainer.Tests.IO;

public class Crc32CTests
{
    // Bit-at-a-time reference implementation: slow but obviously the Castagnoli CRC.
    internal static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78 : c >> 1;
        }
        return ~c;
    }

    [Fact]
    public void CheckValueOf123456789()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void StandardVectorsFromRfc3720()
    {
        byte[] ascending = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[] descending = ascending.Reverse().ToArray();
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(ascending));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(descending));
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(1024)]
    [InlineData(4099)]
    public void SystemIoHashingAgreesWithTheBitwiseReference(int length)
    {
        // Lengths around the 8-byte words and vector blocks the library's fast paths consume.
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.Equal(ReferenceCrc(data), Crc32C.Compute(data));
    }

    [Fact]
    public void MaskMatchesTensorFlowFormulaAndInverts()
    {
        uint crc = 0xE3069283;
        // ((crc >> 15) | (crc << 17)) + 0xa282ead8, computed independently.
        Assert.Equal(0xC78AB0E5u, Crc32C.Mask(crc));
        Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
        Assert.NotEqual(crc, Crc32C.Mask(crc));
        Assert.NotEqual(crc, Crc32C.Mask(Crc32C.Mask(crc)));
        var rng = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            uint v = (uint)rng.NextInt64(0, 1L << 32);
            Assert.Equal(v, Crc32C.Unmask(Crc32C.Mask(v)));
        }
    }
}
