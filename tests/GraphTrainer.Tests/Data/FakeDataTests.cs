using GraphTrainer.Data;
using NumSharp;

namespace GraphTrainer.Tests.Data;

/// <summary>TensorFlow's fake_data mode of read_data_sets and next_batch.</summary>
public class FakeDataTests
{
    [Fact]
    public void Fake_data_reads_nothing_and_serves_all_ones_images_with_one_hot_zero_labels()
    {
        var mnist = input_data.read_data_sets("/nonexistent/MNIST_data", one_hot: true, fake_data: true);
        Assert.Equal(10000, mnist.train.num_examples);
        var (xs, ys) = mnist.train.next_batch(3, fake_data: true);
        Assert.Equal(new long[] { 3, 784 }, xs.shape);
        Assert.All(xs.ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.Equal(new long[] { 3, 10 }, ys.shape);
        var labels = ys.ToArray<float>();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 10; j++) Assert.Equal(j == 0 ? 1f : 0f, labels[i * 10 + j]);
    }

    [Fact]
    public void Fake_labels_without_one_hot_are_zeros_and_real_batches_are_refused()
    {
        var mnist = input_data.read_data_sets("unused", fake_data: true);
        var (_, ys) = mnist.test.next_batch(4, fake_data: true);
        Assert.Equal(new long[] { 4 }, ys.shape);
        Assert.All(ys.ToArray<byte>(), v => Assert.Equal(0, v));
        Assert.Contains("fake_data: true", Assert.Throws<InvalidOperationException>(() => mnist.test.next_batch(4)).Message);
    }

    [Fact]
    public void A_real_dataset_gives_a_fake_batch_when_asked_and_real_batches_otherwise()
    {
        var ds = new DataSet(np.arange(6).reshape(3, 2).astype(NPTypeCode.Single), np.array(new byte[] { 4, 5, 6 }), seed: 1);
        var (fx, fy) = ds.next_batch(2, fake_data: true);
        Assert.Equal(new long[] { 2, 784 }, fx.shape);
        Assert.Equal(new byte[] { 0, 0 }, fy.ToArray<byte>());
        var (x, _) = ds.next_batch(3, fake_data: false, shuffle: false);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, x.ToArray<float>());
    }
}
