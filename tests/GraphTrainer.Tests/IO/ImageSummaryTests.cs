using System.Buffers.Binary;
using System.IO.Compression;
using GraphTrainer.IO;
using GraphTrainer.IO.Proto;

namespace GraphTrainer.Tests.IO;

/// <summary>tf.summary.image: PNG encoding, TensorFlow's float scaling, tags and max_outputs.</summary>
[Collection("DefaultGraph")]
public class ImageSummaryTests
{
    public ImageSummaryTests() => tf.reset_default_graph();

    // A PNG decoder for the encoder's output (8-bit, filter 0 rows): checks the signature and every chunk CRC.
    private static (int h, int w, int colorType, byte[] pixels) DecodePng(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        int pos = 8, h = 0, w = 0, colorType = 0;
        var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, len);
            Assert.Equal(Crc32(png.AsSpan(pos + 4, len + 4)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len)));
            if (type == "IHDR") { w = BinaryPrimitives.ReadInt32BigEndian(data); h = BinaryPrimitives.ReadInt32BigEndian(data[4..]); colorType = data[9]; }
            if (type == "IDAT") idat.Write(data);
            pos += 12 + len;
        }
        using var z = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        int channels = colorType switch { 0 => 1, 4 => 2, 2 => 3, _ => 4 };
        var rows = raw.ToArray();
        var pixels = new byte[h * w * channels];
        for (int r = 0; r < h; r++)
        {
            Assert.Equal(0, rows[r * (w * channels + 1)]);
            Array.Copy(rows, r * (w * channels + 1) + 1, pixels, r * w * channels, w * channels);
        }
        return (h, w, colorType, pixels);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static Summary Run(Tensor summary)
    {
        using var sess = tf.Session();
        return Summary.Parser.ParseFrom(sess.run(summary).ToArray<byte>());
    }

    [Fact]
    public void Non_negative_float_images_scale_their_largest_value_to_255()
    {
        var img = tf.reshape(tf.constant(new float[] { 0f, 0.5f, 1f, 2f }), new[] { 1, 2, 2, 1 });
        var value = Run(tf.summary.image("img", img)).Value.Single();
        Assert.Equal("img/image/0", value.Tag);
        Assert.Equal((2, 2, 1), (value.Image.Height, value.Image.Width, value.Image.Colorspace));
        var (h, w, colorType, pixels) = DecodePng(value.Image.EncodedImageString.ToByteArray());
        Assert.Equal((2, 2, 0), (h, w, colorType));
        Assert.Equal(new byte[] { 0, 63, 127, 255 }, pixels); // v·255/2, truncated
    }

    [Fact]
    public void Images_with_negatives_center_zero_at_128_and_paint_non_finite_pixels_red()
    {
        var img = tf.reshape(tf.constant(new double[] { -1, 0, 0.5, 1, double.NaN, 0 }, tf.float64), new[] { 1, 2, 3, 1 });
        var value = Run(tf.summary.image("signed", img, max_outputs: 1)).Value.Single();
        Assert.Equal("signed/image", value.Tag);
        var (_, _, _, pixels) = DecodePng(value.Image.EncodedImageString.ToByteArray());
        Assert.Equal(new byte[] { 1, 128, 191, 255, 255, 128 }, pixels); // 128 + 127·v; NaN → bad_color's red
    }

    [Fact]
    public void Uint8_rgb_images_are_stored_as_given_up_to_max_outputs()
    {
        var bytes = new byte[3 * 1 * 2 * 3];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 10);
        var img = tf.reshape(tf.constant(bytes), new[] { 3, 1, 2, 3 });
        var values = Run(tf.summary.image("rgb", img, max_outputs: 2)).Value;
        Assert.Equal(new[] { "rgb/image/0", "rgb/image/1" }, values.Select(v => v.Tag));
        var (h, w, colorType, pixels) = DecodePng(values[1].Image.EncodedImageString.ToByteArray());
        Assert.Equal((1, 2, 2), (h, w, colorType));
        Assert.Equal(bytes[6..12], pixels);
    }

    [Fact]
    public void A_tensor_that_is_not_4_d_with_1_3_or_4_channels_is_rejected_when_built()
    {
        var e = Assert.Throws<ValueError>(() => tf.summary.image("bad", tf.zeros(new[] { 2, 3, 3, 2 })));
        Assert.Equal("Tensor must be 4-D with last dim 1, 3, or 4, not (2, 3, 3, 2)", e.Message);
        Assert.Throws<TypeError>(() => tf.summary.image("bad", tf.reshape(tf.constant(new[] { 1, 2 }), new[] { 1, 1, 2, 1 })));
    }
}
