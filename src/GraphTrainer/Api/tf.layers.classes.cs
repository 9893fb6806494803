namespace GraphTrainer;

public static partial class tf
{
    public static partial class layers
    {
        /// <summary>
        /// TF1's layer objects (<c>tf.layers.Dense(10, activation=tf.nn.relu)</c>, <c>Conv2D</c>, <c>MaxPooling2D</c>, …):
        /// <c>layer.apply(x)</c> — Python's <c>layer(x)</c> — builds the layer on first use, named as the function would
        /// name it (<c>dense</c>, <c>dense_1</c>, …, or the given name), and every later call shares its variables, as
        /// TF1's <c>tf.layers.Layer</c> does. A later call must come from the variable scope of the first.
        /// </summary>
        public abstract class Layer
        {
            private readonly string _baseName;
            // The layer function with this layer's settings, under a layer name and reuse.
            private readonly Func<Tensor, string, VariableReuse?, Tensor> _call;
            private string _scope;

            private protected Layer(string name, string baseName, Func<Tensor, string, VariableReuse?, Tensor> call) =>
                (this.name, _baseName, _call) = (name, baseName, call);

            /// <summary>The layer's name: given, or set on the first <see cref="apply"/>.</summary>
            public string name { get; private set; }

            /// <summary>Whether the first <see cref="apply"/> has created the layer's variables.</summary>
            public bool built { get; private set; }

            /// <summary>The variables the layer created (kernel, then bias), empty before it is built.</summary>
            public RefVariable[] variables { get; private set; } = Array.Empty<RefVariable>();

            /// <summary>Same as <see cref="variables"/> (Keras's name).</summary>
            public RefVariable[] weights => variables;

            /// <summary>The trainable ones among <see cref="variables"/>.</summary>
            public RefVariable[] trainable_variables => variables.Where(v => v.trainable).ToArray();

            /// <summary>Applies the layer to <paramref name="inputs"/> (Python's <c>layer(inputs)</c> and <c>layer.apply(inputs)</c>).</summary>
            public Tensor apply(Tensor inputs)
            {
                ArgumentNullException.ThrowIfNull(inputs);
                if (!built)
                {
                    _scope = LayerScope.CurrentScope();
                    name ??= LayerScope.ReserveName(_baseName);
                    var before = new HashSet<RefVariable>(tf.global_variables());
                    var output = _call(inputs, name, null);
                    variables = tf.global_variables().Where(v => !before.Contains(v)).ToArray();
                    built = true;
                    return output;
                }
                if (LayerScope.CurrentScope() != _scope)
                    throw new ValueError($"Layer '{name}' was built in variable scope '{_scope}' and is called in '{LayerScope.CurrentScope()}'; call it where it was built.");
                return _call(inputs, name, VariableReuse.True);
            }

            /// <summary>The kernel (the first variable; null before the first apply or for a layer without one).</summary>
            public RefVariable kernel => variables.FirstOrDefault(v => v.op.Name.EndsWith("/kernel", StringComparison.Ordinal));

            /// <summary>The bias (null before the first apply or without one).</summary>
            public RefVariable bias => variables.FirstOrDefault(v => v.op.Name.EndsWith("/bias", StringComparison.Ordinal));
        }

        /// <summary>The object form of <see cref="dense"/>.</summary>
        public sealed class Dense : Layer
        {
            public Dense(int units, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null)
                : base(name, "dense", (x, layerName, reuse) => dense(x, units, activation, use_bias, kernel_initializer, bias_initializer,
                    trainable: trainable, name: layerName, reuse: reuse)) { }
        }

        /// <summary>The object form of <see cref="conv1d"/>.</summary>
        public sealed class Conv1D : Layer
        {
            public Conv1D(int filters, int kernel_size, int strides = 1, string padding = "valid", string data_format = "channels_last",
                int dilation_rate = 1, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null)
                : base(name, "conv1d", (x, layerName, reuse) => conv1d(x, filters, kernel_size, strides, padding, data_format, dilation_rate,
                    activation, use_bias, kernel_initializer, bias_initializer, trainable: trainable, name: layerName, reuse: reuse)) { }
        }

        /// <summary>The object form of <see cref="conv2d"/>.</summary>
        public sealed class Conv2D : Layer
        {
            public Conv2D(int filters, Pair kernel_size, Pair? strides = null, string padding = "valid", string data_format = "channels_last",
                Pair? dilation_rate = null, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null)
                : base(name, "conv2d", (x, layerName, reuse) => conv2d(x, filters, kernel_size, strides, padding, data_format, dilation_rate,
                    activation, use_bias, kernel_initializer, bias_initializer, trainable: trainable, name: layerName, reuse: reuse)) { }
        }

        /// <summary>The object form of <see cref="conv2d_transpose"/>.</summary>
        public sealed class Conv2DTranspose : Layer
        {
            public Conv2DTranspose(int filters, Pair kernel_size, Pair? strides = null, string padding = "valid", string data_format = "channels_last",
                Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null)
                : base(name, "conv2d_transpose", (x, layerName, reuse) => conv2d_transpose(x, filters, kernel_size, strides, padding, data_format,
                    activation, use_bias, kernel_initializer, bias_initializer, trainable: trainable, name: layerName, reuse: reuse)) { }
        }

        /// <summary>The object form of <see cref="max_pooling2d"/>.</summary>
        public sealed class MaxPooling2D : Layer
        {
            public MaxPooling2D(Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "max_pooling2d", (x, layerName, _) => max_pooling2d(x, pool_size, strides, padding, data_format, layerName)) { }
        }

        /// <summary>The object form of <see cref="average_pooling2d"/>.</summary>
        public sealed class AveragePooling2D : Layer
        {
            public AveragePooling2D(Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "average_pooling2d", (x, layerName, _) => average_pooling2d(x, pool_size, strides, padding, data_format, layerName)) { }
        }

        /// <summary>The object form of <see cref="max_pooling1d"/>.</summary>
        public sealed class MaxPooling1D : Layer
        {
            public MaxPooling1D(int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "max_pooling1d", (x, layerName, _) => max_pooling1d(x, pool_size, strides, padding, data_format, layerName)) { }
        }

        /// <summary>The object form of <see cref="average_pooling1d"/>.</summary>
        public sealed class AveragePooling1D : Layer
        {
            public AveragePooling1D(int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "average_pooling1d", (x, layerName, _) => average_pooling1d(x, pool_size, strides, padding, data_format, layerName)) { }
        }

        /// <summary>The object form of <see cref="flatten"/>.</summary>
        public sealed class Flatten : Layer
        {
            public Flatten(string name = null) : base(name, "flatten", (x, layerName, _) => flatten(x, layerName)) { }
        }
    }
}
