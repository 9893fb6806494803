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
            private string _scope;

            protected Layer(string name, string baseName) => (this.name, _baseName) = (name, baseName);

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
                    var output = Call(inputs, name, null);
                    variables = tf.global_variables().Where(v => !before.Contains(v)).ToArray();
                    built = true;
                    return output;
                }
                if (LayerScope.CurrentScope() != _scope)
                    throw new ValueError($"Layer '{name}' was built in variable scope '{_scope}' and is called in '{LayerScope.CurrentScope()}'; call it where it was built.");
                return Call(inputs, name, VariableReuse.True);
            }

            /// <summary>The layer function with this layer's settings, under <paramref name="layerName"/>.</summary>
            protected abstract Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse);
        }

        /// <summary>The object form of <see cref="dense"/>; <see cref="kernel"/> and <see cref="bias"/> once built.</summary>
        public sealed class Dense : Layer
        {
            private readonly int _units;
            private readonly Func<Tensor, Tensor> _activation;
            private readonly bool _useBias, _trainable;
            private readonly Initializer _kernelInitializer, _biasInitializer;

            public Dense(int units, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null) : base(name, "dense")
            {
                (_units, _activation, _useBias, _kernelInitializer, _biasInitializer, _trainable) =
                    (units, activation, use_bias, kernel_initializer, bias_initializer, trainable);
            }

            /// <summary>The [in, units] kernel (null before the first apply).</summary>
            public RefVariable kernel => variables.FirstOrDefault();

            /// <summary>The [units] bias (null before the first apply or without a bias).</summary>
            public RefVariable bias => _useBias ? variables.Skip(1).FirstOrDefault() : null;

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                dense(inputs, _units, _activation, _useBias, _kernelInitializer, _biasInitializer, trainable: _trainable, name: layerName, reuse: reuse);
        }

        /// <summary>The object form of <see cref="conv2d"/>; <see cref="kernel"/> and <see cref="bias"/> once built.</summary>
        public sealed class Conv2D : Layer
        {
            private readonly int _filters;
            private readonly Pair _kernelSize;
            private readonly Pair? _strides, _dilation;
            private readonly string _padding, _dataFormat;
            private readonly Func<Tensor, Tensor> _activation;
            private readonly bool _useBias, _trainable;
            private readonly Initializer _kernelInitializer, _biasInitializer;

            public Conv2D(int filters, Pair kernel_size, Pair? strides = null, string padding = "valid", string data_format = "channels_last",
                Pair? dilation_rate = null, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null) : base(name, "conv2d")
            {
                (_filters, _kernelSize, _strides, _padding, _dataFormat, _dilation) = (filters, kernel_size, strides, padding, data_format, dilation_rate);
                (_activation, _useBias, _kernelInitializer, _biasInitializer, _trainable) = (activation, use_bias, kernel_initializer, bias_initializer, trainable);
            }

            /// <summary>The [kh, kw, in, filters] kernel (null before the first apply).</summary>
            public RefVariable kernel => variables.FirstOrDefault();

            /// <summary>The [filters] bias (null before the first apply or without a bias).</summary>
            public RefVariable bias => _useBias ? variables.Skip(1).FirstOrDefault() : null;

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                conv2d(inputs, _filters, _kernelSize, _strides, _padding, _dataFormat, _dilation, _activation, _useBias,
                    _kernelInitializer, _biasInitializer, trainable: _trainable, name: layerName, reuse: reuse);
        }

        /// <summary>The object form of <see cref="max_pooling2d"/>.</summary>
        public sealed class MaxPooling2D : Layer
        {
            private readonly Pair _poolSize, _strides;
            private readonly string _padding, _dataFormat;

            public MaxPooling2D(Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "max_pooling2d") => (_poolSize, _strides, _padding, _dataFormat) = (pool_size, strides, padding, data_format);

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                max_pooling2d(inputs, _poolSize, _strides, _padding, _dataFormat, layerName);
        }

        /// <summary>The object form of <see cref="average_pooling2d"/>.</summary>
        public sealed class AveragePooling2D : Layer
        {
            private readonly Pair _poolSize, _strides;
            private readonly string _padding, _dataFormat;

            public AveragePooling2D(Pair pool_size, Pair strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "average_pooling2d") => (_poolSize, _strides, _padding, _dataFormat) = (pool_size, strides, padding, data_format);

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                average_pooling2d(inputs, _poolSize, _strides, _padding, _dataFormat, layerName);
        }

        /// <summary>The object form of <see cref="flatten"/>.</summary>
        public sealed class Flatten : Layer
        {
            public Flatten(string name = null) : base(name, "flatten") { }

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) => flatten(inputs, layerName);
        }

        /// <summary>The object form of <see cref="conv1d"/>; <see cref="kernel"/> and <see cref="bias"/> once built.</summary>
        public sealed class Conv1D : Layer
        {
            private readonly int _filters, _kernelSize, _strides, _dilation;
            private readonly string _padding, _dataFormat;
            private readonly Func<Tensor, Tensor> _activation;
            private readonly bool _useBias, _trainable;
            private readonly Initializer _kernelInitializer, _biasInitializer;

            public Conv1D(int filters, int kernel_size, int strides = 1, string padding = "valid", string data_format = "channels_last",
                int dilation_rate = 1, Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null) : base(name, "conv1d")
            {
                (_filters, _kernelSize, _strides, _padding, _dataFormat, _dilation) = (filters, kernel_size, strides, padding, data_format, dilation_rate);
                (_activation, _useBias, _kernelInitializer, _biasInitializer, _trainable) = (activation, use_bias, kernel_initializer, bias_initializer, trainable);
            }

            /// <summary>The [kernel_size, in, filters] kernel (null before the first apply).</summary>
            public RefVariable kernel => variables.FirstOrDefault();

            /// <summary>The [filters] bias (null before the first apply or without a bias).</summary>
            public RefVariable bias => _useBias ? variables.Skip(1).FirstOrDefault() : null;

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                conv1d(inputs, _filters, _kernelSize, _strides, _padding, _dataFormat, _dilation, _activation, _useBias,
                    _kernelInitializer, _biasInitializer, trainable: _trainable, name: layerName, reuse: reuse);
        }

        /// <summary>The object form of <see cref="conv2d_transpose"/>; <see cref="kernel"/> and <see cref="bias"/> once built.</summary>
        public sealed class Conv2DTranspose : Layer
        {
            private readonly int _filters;
            private readonly Pair _kernelSize;
            private readonly Pair? _strides;
            private readonly string _padding, _dataFormat;
            private readonly Func<Tensor, Tensor> _activation;
            private readonly bool _useBias, _trainable;
            private readonly Initializer _kernelInitializer, _biasInitializer;

            public Conv2DTranspose(int filters, Pair kernel_size, Pair? strides = null, string padding = "valid", string data_format = "channels_last",
                Func<Tensor, Tensor> activation = null, bool use_bias = true, Initializer kernel_initializer = null,
                Initializer bias_initializer = null, bool trainable = true, string name = null) : base(name, "conv2d_transpose")
            {
                (_filters, _kernelSize, _strides, _padding, _dataFormat) = (filters, kernel_size, strides, padding, data_format);
                (_activation, _useBias, _kernelInitializer, _biasInitializer, _trainable) = (activation, use_bias, kernel_initializer, bias_initializer, trainable);
            }

            /// <summary>The [kh, kw, filters, in] kernel (null before the first apply).</summary>
            public RefVariable kernel => variables.FirstOrDefault();

            /// <summary>The [filters] bias (null before the first apply or without a bias).</summary>
            public RefVariable bias => _useBias ? variables.Skip(1).FirstOrDefault() : null;

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                conv2d_transpose(inputs, _filters, _kernelSize, _strides, _padding, _dataFormat, _activation, _useBias,
                    _kernelInitializer, _biasInitializer, trainable: _trainable, name: layerName, reuse: reuse);
        }

        /// <summary>The object form of <see cref="max_pooling1d"/>.</summary>
        public sealed class MaxPooling1D : Layer
        {
            private readonly int _poolSize, _strides;
            private readonly string _padding, _dataFormat;

            public MaxPooling1D(int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "max_pooling1d") => (_poolSize, _strides, _padding, _dataFormat) = (pool_size, strides, padding, data_format);

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                max_pooling1d(inputs, _poolSize, _strides, _padding, _dataFormat, layerName);
        }

        /// <summary>The object form of <see cref="average_pooling1d"/>.</summary>
        public sealed class AveragePooling1D : Layer
        {
            private readonly int _poolSize, _strides;
            private readonly string _padding, _dataFormat;

            public AveragePooling1D(int pool_size, int strides, string padding = "valid", string data_format = "channels_last", string name = null)
                : base(name, "average_pooling1d") => (_poolSize, _strides, _padding, _dataFormat) = (pool_size, strides, padding, data_format);

            protected override Tensor Call(Tensor inputs, string layerName, VariableReuse? reuse) =>
                average_pooling1d(inputs, _poolSize, _strides, _padding, _dataFormat, layerName);
        }
    }
}
