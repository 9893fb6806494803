namespace GraphTrainer.Data
{
    // NDW016: holds DataSets whose arrays callers keep using; nothing here owns them exclusively.
#pragma warning disable NDW016
    /// <summary>TensorFlow's <c>base.Datasets</c> named tuple: the train, validation and test splits.</summary>
    public sealed class Datasets
    {
        /// <summary>Creates the triple.</summary>
        public Datasets(DataSet train, DataSet validation, DataSet test)
        {
            this.train = train;
            this.validation = validation;
            this.test = test;
        }

        /// <summary>Training split (55,000 MNIST examples with the default validation size).</summary>
        public DataSet train { get; }

        /// <summary>Validation split: the first <c>validation_size</c> training-file examples.</summary>
        public DataSet validation { get; }

        /// <summary>Test split (10,000 MNIST examples).</summary>
        public DataSet test { get; }

        /// <summary>Deconstructs like the Python named tuple: <c>var (train, validation, test) = mnist;</c>.</summary>
        public void Deconstruct(out DataSet train, out DataSet validation, out DataSet test)
        {
            train = this.train;
            validation = this.validation;
            test = this.test;
        }
    }
}
