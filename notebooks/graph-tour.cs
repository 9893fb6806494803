#:project ../src/GraphTrainer/GraphTrainer.csproj
#:project ../src/GraphTrainer.Notebooks/GraphTrainer.Notebooks.csproj
// A tour of the graph model (placeholders, variables, the gradient ops minimize adds, session pruning) as a
// file-based app and, converted, as graph-tour.ipynb.
//   dotnet run notebooks/graph-tour.cs                    the closing example trains for 500 steps
//   dotnet run notebooks/graph-tour.cs -- --steps 200     fewer steps (what CI runs)
// See notebooks/README.md for the cell format and how the notebook is generated from this file.

// %% [markdown]
// # A tour of the graph
//
// GraphTrainer follows TensorFlow 1.x: you first **build** a graph of operations on symbolic tensors, then **run**
// parts of it in a session. This notebook looks at the pieces: placeholders, variables, the graph itself, the gradient
// operations an optimizer's `minimize` adds, and how a session prunes the graph to what a `run` needs.
//
// **Before you start:** make the GraphTrainer packages available to
// the kernel (notebooks/README.md: `dotnet pack` into `artifacts/packages`, registered as a package source) so the
// first cell finds them. Every cell that builds the graph below starts from the graph as the previous cells left it; the first
// one calls `tf.reset_default_graph()` so that running the notebook again starts from an empty graph. Re-running a
// single graph-building cell adds a second copy of its operations (named `x_1`, `MatMul_1`, ...) — re-run from the
// reset instead.

// %%
using GraphTrainer;
using GraphTrainer.Data;
using GraphTrainer.Notebooks;
using NumSharp;
using static GraphTrainer.Binding;
using static GraphTrainer.Notebooks.Display; // file-based app only

// %% tags=["parameters"]
var steps = 500;          // training steps of the closing example
var learning_rate = 0.5;

// %%
// Overrides: `dotnet run notebooks/graph-tour.cs -- --steps 200` for the file-based app, GRAPHTRAINER_PARAM_NAME=VALUE in the environment of the
// kernel (`graphtrainer notebook run --set NAME=VALUE`, CI); none of them set keeps the values above.
steps = NotebookParameters.Get(nameof(steps), steps);
learning_rate = NotebookParameters.Get(nameof(learning_rate), learning_rate);

// %% [markdown]
// ## Placeholders
//
// A placeholder is a tensor whose value is fed at run time. Its shape may be partly unknown: `None` (`?`) stands for any
// number of rows. Building it computes nothing — `x` is a symbolic handle, the output `0` of an operation `x` of type
// `Placeholder`.

// %%
tf.reset_default_graph(); // start from an empty default graph (run the notebook again without doubling it)
var x = tf.placeholder(tf.float32, (None, 3), name: "x");
display(x);
display(x.op);

// %% [markdown]
// Ops built on `x` get their shapes inferred at build time, and shape errors are reported then, naming the op. (The
// failing example is built in a scratch graph: `using (tf.Graph().as_default())` makes another graph the default for
// the ops inside the block.)

// %%
var doubled = x * 2f;
var row_sums = tf.reduce_sum(doubled, axis: 1);
display(row_sums);
// In a scratch graph, so the failed attempt leaves nothing behind in ours.
using (tf.Graph().as_default())
{
    try
    {
        tf.matmul(tf.placeholder(tf.float32, (None, 3), name: "x"), tf.ones(new[] { 4, 2 }));
    }
    catch (Exception error) // shown on purpose: the message is the point of this cell
    {
        print("Build-time error:", error.Message);
    }
}

// %% [markdown]
// Running a tensor that depends on a placeholder needs a value for it; without one the session says which placeholder:

// %%
using (var sess = tf.Session())
{
    display(sess.run(row_sums, feed_dict: new() { [x] = np.array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }) }));
    try
    {
        sess.run(row_sums);
    }
    catch (Exception error) // shown on purpose
    {
        print("Run-time error:", error.Message);
    }
}

// %% [markdown]
// ## Variables
//
// A variable is a tensor whose value lives in the session and survives between runs. Creating one adds several
// operations: the variable itself (`VariableV2`), the ops that compute its initial value, and an `Assign` — its
// `initializer`. A session must run the initializers before reading the variable.

// %%
var ops_before = tf.get_default_graph().get_operations().Length;
var W = tf.Variable(tf.random_normal(new[] { 3, 2 }, stddev: 0.1f, seed: 1), name: "W");
var b = tf.Variable(tf.zeros(2), name: "b");
display(W);
display(tf.get_default_graph().get_operations().Skip(ops_before));

// %%
using (var sess = tf.Session())
{
    try
    {
        sess.run(W);
    }
    catch (Exception error) // shown on purpose
    {
        print("Before initialization:", error.Message);
    }
    sess.run(tf.global_variables_initializer());
    display(sess.run(W));
}

// %% [markdown]
// ## The gradient ops that `minimize` adds
//
// A small linear model and a squared-error loss. `minimize` does two things: `compute_gradients` adds the backward pass
// to the graph (ops under `gradients/`, one `..._grad` group per forward op, with `AddN` where a tensor feeds several
// ops), and `apply_gradients` adds one update op per variable (under `GradientDescent/`). Nothing runs yet.

// %%
var targets = tf.placeholder(tf.float32, (None, 2), name: "targets");
var prediction = tf.matmul(x, W) + b;
var loss = tf.reduce_mean(tf.square(prediction - targets), name: "loss");
var graph = tf.get_default_graph();
var forward_ops = graph.get_operations().Length;
var train_op = tf.train.GradientDescentOptimizer(learning_rate: 0.1).minimize(loss);
var added = graph.get_operations().Skip(forward_ops).ToList();
print($"The forward graph had {forward_ops} operations; minimize added {added.Count}:");
display(added);

// %% [markdown]
// `tf.gradients` builds the same kind of ops by hand: the symbolic derivative of `loss` with respect to each variable,
// one tensor per variable, with the variable's shape. It adds a second backward pass, under `gradients_1/`.

// %%
var grads = tf.gradients(loss, new Tensor[] { W, b });
display(grads);

// %% [markdown]
// The whole graph, one row per operation (long graphs are cut after 60 rows):

// %%
display(graph);

// %% [markdown]
// ## Session pruning
//
// `sess.run(fetches)` runs only the operations the fetches depend on. The first run of each distinct
// (fetches, feeds, targets) combination compiles a pruned plan; later runs reuse it.
//
// - `prediction` does not depend on `targets`, so it needs no value for `targets`.
// - Fetching `loss` does not run `train_op`, so `W` does not change — only running `train_op` updates it.
// - Both plans are compiled once each, however often they run.

// %%
var xs = np.array(new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, 1, 1 } });
var ys = np.array(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, 2 } });
using (var sess = tf.Session())
{
    sess.run(tf.global_variables_initializer());
    display(sess.run(prediction, feed_dict: new() { [x] = xs }));            // no feed for targets needed
    var W_before = sess.run(W);
    foreach (var i in range(3))
        sess.run(loss, feed_dict: new() { [x] = xs, [targets] = ys });              // the update ops are pruned away
    print("W unchanged after fetching loss 3 times:", np.array_equal(W_before, sess.run(W)));
    foreach (var i in range(50))
        sess.run(train_op, feed_dict: new() { [x] = xs, [targets] = ys });
    print("W changed after running train_op:", !np.array_equal(W_before, sess.run(W)));
    print("loss after 50 steps:", sess.run(loss, feed_dict: new() { [x] = xs, [targets] = ys }));
    print($"{sess.CompiledPlanCount} plans compiled for 59 runs: one per distinct (fetches, feeds, targets), not one per run.");
}

// %% [markdown]
// ## Putting it together: softmax regression on MNIST
//
// A fresh graph (`tf.reset_default_graph()` again, so this cell can be re-run on its own), a one-layer model, and the
// loss recorded every 10 steps. The session stays open across the next cells as an `InteractiveSession`, the default
// session for `Tensor.eval()` — whichever thread the next cell runs on.

// %%
tf.reset_default_graph();
var mnist = input_data.read_data_sets("MNIST_data/", one_hot: true);
var images = tf.placeholder(tf.float32, (None, 784), name: "images");
var labels = tf.placeholder(tf.float32, (None, 10), name: "labels");
var W_mnist = tf.Variable(tf.zeros(new[] { 784, 10 }), name: "W");
var b_mnist = tf.Variable(tf.zeros(10), name: "b");
var logits = tf.matmul(images, W_mnist) + b_mnist;
var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: labels, logits: logits));
var train_step = tf.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy);
var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1)), tf.float32));
var sess_mnist = tf.InteractiveSession();
sess_mnist.run(tf.global_variables_initializer());

// %%
var losses = new List<(double, double)>();
foreach (var step in range(steps))
{
    var (batch_xs, batch_ys) = mnist.train.next_batch(100);
    var (_, batch_loss) = sess_mnist.run((train_step, cross_entropy), feed_dict: new() { [images] = batch_xs, [labels] = batch_ys });
    if (step % 10 == 0)
        losses.Add((step, (float)batch_loss));
}
display(new LineChart("Softmax regression on MNIST", "step", "cross entropy").Add("batch loss", losses));

// %%
// accuracy.eval() finds the InteractiveSession opened two cells ago as the default session.
print("Test accuracy:", accuracy.eval(new() { [images] = mnist.test.images, [labels] = mnist.test.labels }));
sess_mnist.close();
