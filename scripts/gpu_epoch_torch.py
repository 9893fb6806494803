#!/usr/bin/env python3
"""PyTorch eager reference for scripts/gpu-check.sh: one training epoch of the workloads GraphTrainer's GPU check times.

mlp: the seed-000 tutorial (notebooks/mlp-gradient-descent.cs): 784-300-10, ReLU, softmax, mean(-sum(y * log p)),
     weights normal(stddev 0.03), zero biases, plain gradient descent at 0.5, batches of 100.
cnn: the deep-mnist tutorial (notebooks/deep-mnist.cs): conv 5x5x32 SAME + ReLU, max-pool 2x2, conv 5x5x64 + ReLU,
     max-pool, fc 1024 + ReLU, dropout (keep 0.5), fc 10; softmax cross-entropy with the one-hot labels; weights
     truncated normal(stddev 0.1), biases 0.1; Adam 1e-4; batches of 50.

Timed as GraphTrainer's check times them (tests/GraphTrainer.Gpu.Tests/Check/EpochTimer.cs): MNIST's 55,000 training
images (the files' last 55,000; the first 5,000 are the validation set) in order, each batch copied from host memory to
the device every step as a feed_dict does, one warm-up epoch, then the median of the timed epochs, the device
synchronized at the end of each. float32 throughout (TF32 off), like GraphTrainer's kernels. Prints one line per model:
  epoch | mlp | pytorch-eager | cuda NAME | median 0.123 s | 3 timed after 1 warm-up | 550 steps x batch 100 | test accuracy 0.9712 (10000 images)
Exits 0 with a message when PyTorch or a CUDA device is missing (the check reports that and goes on).
"""
import argparse
import gzip
import os
import statistics
import struct
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(os.environ.get("GRAPHTRAINER_DATA", "data"), "MNIST_data"),
                   help="directory with the four MNIST .gz files (default: $GRAPHTRAINER_DATA/MNIST_data or data/MNIST_data)")
    p.add_argument("--models", default="mlp,cnn", help="comma-separated: mlp, cnn")
    p.add_argument("--device", default="cuda", help="cuda (default) or cpu (dry runs only: no GPU figure)")
    p.add_argument("--steps-per-epoch", type=int, default=None, help="steps of a timed epoch (default: the whole 55,000 images)")
    p.add_argument("--timed-epochs", type=int, default=3, help="epochs timed after the warm-up epoch (default 3)")
    p.add_argument("--eval-rows", type=int, default=None, help="test images for the accuracy (default: all 10,000)")
    return p.parse_args()


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    dims = (magic & 0xFF)
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return data[4 + 4 * dims:], shape


def load_mnist(torch, directory):
    def images(name):
        raw, shape = read_idx(os.path.join(directory, name))
        return torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(shape[0], 784).float().div_(255.0)

    def one_hot(name):
        raw, shape = read_idx(os.path.join(directory, name))
        labels = torch.frombuffer(bytearray(raw), dtype=torch.uint8).long()
        return torch.nn.functional.one_hot(labels, 10).float()

    train_x, train_y = images("train-images-idx3-ubyte.gz"), one_hot("train-labels-idx1-ubyte.gz")
    test_x, test_y = images("t10k-images-idx3-ubyte.gz"), one_hot("t10k-labels-idx1-ubyte.gz")
    # read_data_sets' split: the first 5,000 training images are the validation set.
    return train_x[5000:], train_y[5000:], test_x, test_y


def mlp(torch, device):
    nn = torch.nn

    class Mlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.W1 = nn.Parameter(torch.randn(784, 300) * 0.03)
            self.b1 = nn.Parameter(torch.zeros(300))
            self.W2 = nn.Parameter(torch.randn(300, 10) * 0.03)
            self.b2 = nn.Parameter(torch.zeros(10))

        def forward(self, x):
            return torch.relu(x @ self.W1 + self.b1) @ self.W2 + self.b2

    model = Mlp().to(device)

    def loss_fn(logits, y):
        # The tutorial's own formula: mean(-sum(y * log(softmax(logits)), 1)).
        return torch.mean(-torch.sum(y * torch.log(torch.softmax(logits, dim=1)), dim=1))

    return model, torch.optim.SGD(model.parameters(), lr=0.5), loss_fn, 100


def cnn(torch, device):
    nn = torch.nn

    def init(layer):
        nn.init.trunc_normal_(layer.weight, std=0.1, a=-0.2, b=0.2)
        nn.init.constant_(layer.bias, 0.1)
        return layer

    model = nn.Sequential(
        init(nn.Conv2d(1, 32, 5, padding=2)), nn.ReLU(), nn.MaxPool2d(2),
        init(nn.Conv2d(32, 64, 5, padding=2)), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), init(nn.Linear(7 * 7 * 64, 1024)), nn.ReLU(), nn.Dropout(0.5),
        init(nn.Linear(1024, 10)),
    ).to(device)
    image = nn.Unflatten(1, (1, 28, 28))

    class Cnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = model

        def forward(self, x):
            return self.body(image(x))

    wrapped = Cnn()

    def loss_fn(logits, y):
        # softmax_cross_entropy_with_logits with one-hot labels, averaged.
        return torch.mean(-torch.sum(y * torch.log_softmax(logits, dim=1), dim=1))

    return wrapped, torch.optim.Adam(wrapped.parameters(), lr=1e-4), loss_fn, 50


def time_model(torch, name, build, data, args, device, device_name):
    train_x, train_y, test_x, test_y = data
    model, optimizer, loss_fn, batch = build(torch, device)
    steps = args.steps_per_epoch or train_x.shape[0] // batch
    batches = [(train_x[b * batch:(b + 1) * batch], train_y[b * batch:(b + 1) * batch]) for b in range(steps)]

    def epoch():
        model.train()
        for xb, yb in batches:
            xb, yb = xb.to(device), yb.to(device)  # a feed: host to device every step
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()

    epoch()  # warm-up
    seconds = []
    for _ in range(args.timed_epochs):
        start = time.perf_counter()
        epoch()
        seconds.append(time.perf_counter() - start)

    rows = min(args.eval_rows or test_x.shape[0], test_x.shape[0])
    model.eval()
    with torch.no_grad():
        predicted = model(test_x[:rows].to(device)).argmax(1)
        accuracy = (predicted == test_y[:rows].to(device).argmax(1)).float().mean().item()
    print(f"epoch | {name} | pytorch-eager | {device_name} | median {statistics.median(seconds):.3f} s | "
          f"{len(seconds)} timed after 1 warm-up | {steps} steps x batch {batch} | test accuracy {accuracy:.4f} ({rows} images)", flush=True)


def main():
    args = parse_args()
    try:
        import torch
    except ImportError:
        print(f"pytorch: not installed for {sys.executable}; no PyTorch reference figures (GraphTrainer's stand alone)")
        return 0
    if args.device == "cuda" and not torch.cuda.is_available():
        print(f"pytorch: {torch.__version__} sees no CUDA device; no PyTorch reference figures")
        return 0
    device = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(42)
    device_name = f"cuda {torch.cuda.get_device_name(device)}" if device.type == "cuda" else "cpu (dry run: not a GPU figure)"
    print(f"pytorch: {torch.__version__}, {device_name}, float32 (TF32 off)", flush=True)
    data = load_mnist(torch, args.data)
    builders = {"mlp": mlp, "cnn": cnn}
    for name in [m.strip() for m in args.models.split(",") if m.strip()]:
        if name not in builders:
            print(f"error: unknown model '{name}' (expected mlp or cnn)", file=sys.stderr)
            return 2
        time_model(torch, name, builders[name], data, args, device, device_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
