#!/usr/bin/env bash
# Packs the GPU check (issue 14) for an NVIDIA machine without .NET: the GPU test program published self-contained for
# linux-x64 (xunit v3: the program runs its own tests), compressed, plus the MNIST files, scripts/gpu-check.sh and
# scripts/gpu_epoch_torch.py, into artifacts/gpu-check/ (git-ignored; must stay under 64 MiB, the device tool's limit).
#
#   bash scripts/gpu-check-pack.sh            # here, with the .NET SDK
#   bash scripts/gpu-check.sh                 # there (the device tool: carry ["artifacts/gpu-check"]); see gpu-check.sh
#
# Nothing is trimmed: NumSharp and ILGPU generate code by reflection, so IL trimming is not known to be safe for them;
# the runtime is shipped whole and xz-compressed instead. Dropped from the publish: the test SDK's code-coverage and
# instrumentation binaries (only `dotnet test` under coverage loads them), satellite resource folders, XML docs and the
# symbols of third-party assemblies.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/gpu-check
stage=artifacts/gpu-check-stage
mnist="${MNIST_DIR:-data/MNIST_data}"
files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
for f in "${files[@]}"; do
  [ -f "$mnist/$f" ] || { echo "error: $mnist/$f is missing (copy the four MNIST files from ../shared/mnist into data/MNIST_data)" >&2; exit 1; }
done

rm -rf "$out" "$stage"
mkdir -p "$stage"
echo "publishing tests/GraphTrainer.Gpu.Tests for linux-x64 (self-contained) ..."
dotnet publish tests/GraphTrainer.Gpu.Tests -c Release -r linux-x64 --self-contained -o "$stage/app" \
  -p:SatelliteResourceLanguages=en -p:GenerateDocumentationFile=false -nologo -v quiet >"$stage.log" 2>&1 \
  || { tail -30 "$stage.log" >&2; echo "error: dotnet publish failed" >&2; exit 1; }
(
  cd "$stage/app"
  rm -rf CodeCoverage alpine arm64 macos ubuntu x64 x86
  find . -name '*.xml' -delete
  find . -name '*.pdb' ! -name 'GraphTrainer*' -delete
)
[ -x "$stage/app/GraphTrainer.Gpu.Tests" ] || { echo "error: the published program is missing" >&2; exit 1; }

mkdir -p "$out/data/MNIST_data"
echo "compressing (xz) ..."
tar -C "$stage" -cf - app | xz -T0 -6 >"$out/graphtrainer-gpu-check.tar.xz"
for f in "${files[@]}"; do cp "$mnist/$f" "$out/data/MNIST_data/"; done
cp scripts/gpu-check.sh scripts/gpu_epoch_torch.py "$out/"
git rev-parse --short HEAD >"$out/COMMIT" 2>/dev/null || echo unknown >"$out/COMMIT"
rm -rf "$stage" "$stage.log"

bytes=$(du -sb "$out" | cut -f1)
limit=$((64 * 1024 * 1024))
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "pack: $out, $(mib "$bytes") MiB (limit 64 MiB): program $(mib "$(stat -c %s "$out/graphtrainer-gpu-check.tar.xz")") MiB xz-compressed, MNIST $(mib "$(du -sb "$out/data" | cut -f1)") MiB"
if [ "$bytes" -gt "$limit" ]; then echo "error: the pack exceeds 64 MiB" >&2; exit 1; fi
