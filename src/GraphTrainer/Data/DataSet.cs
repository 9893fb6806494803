using NumSharp;

namespace GraphTrainer.Data
{
    // NDW016: the arrays are handed out (mnist.train.images) and may outlive the DataSet, so it does not
    // dispose them; NumSharp's finalizer reclaims them once unreferenced.
#pragma warning disable NDW016
    /// <summary>
    /// TensorFlow's <c>mnist.DataSet</c> (tensorflow/contrib/learn/python/learn/datasets/mnist.py): a pair
    /// of arrays with equal first dimension, served in mini-batches by <see cref="next_batch"/>.
    /// <para>Randomness: each DataSet owns a <see cref="RandomState"/> (numpy's legacy MT19937). With a
    /// seed it is seeded exactly as TensorFlow seeds numpy for that DataSet (<c>numpy.random.seed(seed)</c>),
    /// so the epoch orderings equal TensorFlow's when one DataSet is iterated (TensorFlow shares numpy's
    /// global generator between its three DataSets; we give each its own so they do not interfere).
    /// Without a seed the order is non-reproducible, as in TensorFlow.</para>
    /// <para>Not thread-safe: one training loop draws batches from a DataSet.</para>
    /// </summary>
    public sealed class DataSet
    {
        private readonly RandomState _random;
        private readonly NDArray _images;   // in the order given to the constructor; never mutated
        private readonly NDArray _labels;
        private long[] _order;              // current epoch order as rows of _images; null = as given
        private NDArray _orderedImages;     // _images[_order], built on demand for the properties
        private NDArray _orderedLabels;
        private int _index_in_epoch;

        /// <summary>
        /// Wraps prepared arrays (unlike TensorFlow's constructor this does no scaling or reshaping:
        /// <see cref="input_data.read_data_sets"/> does that). The arrays are used as given, not copied,
        /// unless they are non-contiguous views; they are never modified.
        /// </summary>
        /// <param name="images">Examples along axis 0, e.g. float32 [N, 784].</param>
        /// <param name="labels">Labels along axis 0, e.g. uint8 [N] or float32 one-hot [N, 10].</param>
        /// <param name="seed">Seed for the shuffling generator; null for a non-reproducible order.</param>
        /// <exception cref="ArgumentException">The first dimensions differ or an array is a scalar.</exception>
        public DataSet(NDArray images, NDArray labels, int? seed = null)
        {
            ArgumentNullException.ThrowIfNull(images);
            ArgumentNullException.ThrowIfNull(labels);
            if (images.ndim < 1 || labels.ndim < 1 || images.shape[0] != labels.shape[0])
                throw new ArgumentException(
                    $"images.shape: ({string.Join(", ", images.shape)}) labels.shape: ({string.Join(", ", labels.shape)}) " +
                    "must have the same number of examples along axis 0.");
            if (images.shape[0] > int.MaxValue)
                throw new ArgumentException($"{images.shape[0]} examples is more than a DataSet supports.", nameof(images));
            _images = RowOps.Contiguous(images);
            _labels = RowOps.Contiguous(labels);
            num_examples = (int)images.shape[0];
            _random = seed.HasValue ? new RandomState(seed.Value) : new RandomState();
        }

        // TensorFlow's fake DataSet (read_data_sets(..., fake_data: true)): 10,000 nominal examples, no arrays.
        private readonly bool _fake;
        private readonly bool _fakeOneHot;

        private DataSet(bool oneHot, int? seed)
        {
            _fake = true;
            _fakeOneHot = oneHot;
            _images = np.zeros(new Shape(0, 784), NPTypeCode.Single);
            _labels = oneHot ? np.zeros(new Shape(0, 10), NPTypeCode.Single) : np.zeros(new Shape(0), NPTypeCode.Byte);
            num_examples = 10000;
            _random = seed.HasValue ? new RandomState(seed.Value) : new RandomState();
        }

        /// <summary>A fake DataSet as TensorFlow's mnist module makes for <c>fake_data=True</c>: 10,000 nominal examples and no data.</summary>
        /// <param name="one_hot">Whether fake batches carry one-hot labels.</param>
        /// <param name="seed">Accepted for TensorFlow's signature; fake batches are not random.</param>
        public static DataSet Fake(bool one_hot, int? seed = null) => new(one_hot, seed);

        /// <summary>
        /// TensorFlow's <c>next_batch(batch_size, fake_data, shuffle)</c>: with <paramref name="fake_data"/>, a batch of
        /// images whose 784 pixels are all 1 and labels 0 (one-hot [1, 0, …, 0] when the labels are one-hot); otherwise
        /// the same as <see cref="next_batch(int, bool)"/>.
        /// </summary>
        /// <param name="batch_size">Examples per batch.</param>
        /// <param name="fake_data">Whether to return the fake batch.</param>
        /// <param name="shuffle">Whether to shuffle at epoch starts (real data only).</param>
        public (NDArray, NDArray) next_batch(int batch_size, bool fake_data, bool shuffle = true)
        {
            if (!fake_data) return next_batch(batch_size, shuffle);
            if (batch_size < 0) throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size, "batch_size must not be negative.");
            var images = new float[batch_size * 784];
            Array.Fill(images, 1f);
            bool oneHot = _fake ? _fakeOneHot : _labels.ndim == 2;
            NDArray labels;
            if (oneHot)
            {
                var l = new float[batch_size * 10];
                for (int i = 0; i < batch_size; i++) l[i * 10] = 1f;
                labels = new NDArray(l, new Shape(batch_size, 10));
            }
            else labels = new NDArray(new byte[batch_size], new Shape(batch_size));
            return (new NDArray(images, new Shape(batch_size, 784)), labels);
        }

        /// <summary>
        /// The images in the current epoch's order, as TensorFlow's attribute (which a shuffle replaces
        /// with a new array). Each shuffle yields a new array on first access; arrays returned earlier
        /// keep their contents.
        /// </summary>
        public NDArray images
        {
            get
            {
                if (_order == null)
                    return _images;
                return _orderedImages ??= RowOps.Gather(_images, _order);
            }
        }

        /// <summary>The labels, in the same order as <see cref="images"/>.</summary>
        public NDArray labels
        {
            get
            {
                if (_order == null)
                    return _labels;
                return _orderedLabels ??= RowOps.Gather(_labels, _order);
            }
        }

        /// <summary>Number of examples.</summary>
        public int num_examples { get; }

        /// <summary>Epochs finished so far; incremented by the <see cref="next_batch"/> call that crosses the end.</summary>
        public int epochs_completed { get; private set; }

        /// <summary>
        /// The next <paramref name="batch_size"/> examples, with TensorFlow's exact semantics: when
        /// <paramref name="shuffle"/>, the data is shuffled before the first batch of the first epoch; a
        /// batch that runs past the end returns the rest of the old epoch followed by the start of the next
        /// one (reshuffled first when <paramref name="shuffle"/>) and increments <see cref="epochs_completed"/>.
        /// A batch ending exactly at the end does not; the next call starts the new epoch.
        /// Returns fresh contiguous arrays the caller may keep.
        /// </summary>
        /// <param name="batch_size">Examples per batch, 0..<see cref="num_examples"/>.</param>
        /// <param name="shuffle">Whether to shuffle at epoch starts.</param>
        /// <exception cref="ArgumentOutOfRangeException">batch_size is negative or above num_examples
        /// (where TensorFlow would silently return a malformed batch).</exception>
        public (NDArray, NDArray) next_batch(int batch_size, bool shuffle = true)
        {
            if (_fake)
                throw new InvalidOperationException("This DataSet was made with fake_data: true and holds no examples; call next_batch(batch_size, fake_data: true).");
            if (batch_size < 0 || batch_size > num_examples)
                throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size,
                    $"batch_size must be between 0 and num_examples ({num_examples}).");
            int start = _index_in_epoch;
            if (epochs_completed == 0 && start == 0 && shuffle)
                Shuffle();

            var images = RowOps.Allocate(_images, batch_size);
            var labels = RowOps.Allocate(_labels, batch_size);
            if (start + batch_size > num_examples)
            {
                epochs_completed++;
                int rest = num_examples - start;
                // Copy the old epoch's tail before Shuffle changes the order.
                CopyOrdered(start, rest, images, labels, 0);
                if (shuffle)
                    Shuffle();
                _index_in_epoch = batch_size - rest;
                CopyOrdered(0, _index_in_epoch, images, labels, rest);
                return (images, labels);
            }

            _index_in_epoch += batch_size;
            CopyOrdered(start, batch_size, images, labels, 0);
            return (images, labels);
        }

        private void CopyOrdered(int start, int count, NDArray images, NDArray labels, int at)
        {
            if (_order == null)
            {
                RowOps.CopyRows(_images, start, images, at, count);
                RowOps.CopyRows(_labels, start, labels, at, count);
            }
            else
            {
                ReadOnlySpan<long> rows = _order.AsSpan(start, count);
                RowOps.GatherInto(_images, rows, images, at);
                RowOps.GatherInto(_labels, rows, labels, at);
            }
        }

        // TensorFlow: perm = arange(n); numpy.random.shuffle(perm); images = images[perm]. Composing
        // index arrays instead of copying the data gives the same rows without a 172 MB copy per epoch.
        private void Shuffle()
        {
            long[] perm = _random.permutation(num_examples);
            if (_order != null)
            {
                for (int i = 0; i < perm.Length; i++)
                    perm[i] = _order[perm[i]];
            }
            _order = perm;
            _orderedImages = null;
            _orderedLabels = null;
        }
    }
}
