namespace GraphTrainer;

public static partial class tf
{
    public static partial class summary
    {
        /// <summary>
        /// An image summary of the first <paramref name="max_outputs"/> images of a [batch, height, width, channels]
        /// tensor (channels 1, 3 or 4; uint8, or float scaled per image as TensorFlow does), PNG-encoded for TensorBoard's
        /// Images tab under the tags <c>name/image/0</c>, <c>name/image/1</c>… (<c>name/image</c> when max_outputs is 1).
        /// </summary>
        public static Tensor image(string name, Tensor tensor, int max_outputs = 3, IEnumerable<string> collections = null, string family = null) =>
            ImageSummaryOps.Image(name, tensor, max_outputs, collections, family);
    }

    /// <summary>TF ≤ 0.12 name of <see cref="summary.image"/>.</summary>
    [Obsolete("use tf.summary.image(name, tensor, max_outputs)")]
    public static Tensor image_summary(string tag, Tensor tensor, int max_images = 3, IEnumerable<string> collections = null) =>
        summary.image(tag, tensor, max_images, collections);
}
