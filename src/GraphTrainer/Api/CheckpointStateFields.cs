using GraphTrainer.IO;

namespace GraphTrainer;

/// <summary>
/// The CheckpointState proto's field names, as TF1 code reads them from <c>tf.train.get_checkpoint_state(dir)</c>:
/// <c>if ckpt and ckpt.model_checkpoint_path: saver.restore(sess, ckpt.model_checkpoint_path)</c>.
/// </summary>
public static class CheckpointStateFields
{
    extension(CheckpointState state)
    {
        /// <summary>The latest checkpoint prefix (TensorFlow's <c>model_checkpoint_path</c> field).</summary>
        public string model_checkpoint_path => state.ModelCheckpointPath;

        /// <summary>The retained checkpoint prefixes, oldest first (TensorFlow's <c>all_model_checkpoint_paths</c> field).</summary>
        public IReadOnlyList<string> all_model_checkpoint_paths => state.AllModelCheckpointPaths;
    }
}
