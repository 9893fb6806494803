#!/usr/bin/env bash
# The GPU check of issue 14, on an NVIDIA machine that has the driver, Python with PyTorch, and no .NET:
#   1. the GPU (nvidia-smi) and the CUDA devices ILGPU finds through the driver;
#   2. the kernel agreement suite (every test with Category=Gpu) run on the real GPU (GRAPHTRAINER_TEST_GPU=cuda);
#   3. the seed-000 MLP and the deep-mnist CNN, the tutorials' own code, trained on GPU:0 to their accuracies, then
#      epochs of the same graphs timed (Category=GpuCheck, GRAPHTRAINER_CHECK=full);
#   4. the same epochs in PyTorch eager on the same card (gpu_epoch_torch.py), and both timings side by side.
# Exits non-zero when any GraphTrainer step fails; a missing PyTorch is reported and skipped. About 5 minutes on an
# H100 is expected; each step has a time limit (30 + 110 + 290 + 110 s) so the whole stays under 10 minutes.
#
# Two commands:
#   here:  bash scripts/gpu-check-pack.sh     (needs the .NET SDK; writes artifacts/gpu-check/, under 64 MiB)
#   there: bash scripts/gpu-check.sh          (device tool: carry ["artifacts/gpu-check"]; logs go to $OUT when set)
# Dry run without a GPU (ILGPU's CPU accelerator as GPU:0, tiny sizes, PyTorch on the CPU if present):
#          bash scripts/gpu-check.sh --emulated
# Options: --emulated; PYTHON=... picks the interpreter with PyTorch (default python3); GPU_CHECK_PACK=DIR the pack.
set -uo pipefail

emulated=0
for arg in "$@"; do
  case "$arg" in
    --emulated) emulated=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$arg' (expected --emulated)" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
pack="${GPU_CHECK_PACK:-}"
if [ -z "$pack" ]; then
  if [ -f "$here/graphtrainer-gpu-check.tar.xz" ]; then pack="$here"; else pack="$here/../artifacts/gpu-check"; fi
fi
pack="$(cd "$pack" 2>/dev/null && pwd)" || { echo "error: no pack at ${GPU_CHECK_PACK:-$here/../artifacts/gpu-check}: run scripts/gpu-check-pack.sh first" >&2; exit 2; }
[ -f "$pack/graphtrainer-gpu-check.tar.xz" ] || { echo "error: $pack/graphtrainer-gpu-check.tar.xz missing: run scripts/gpu-check-pack.sh first" >&2; exit 2; }
python="${PYTHON:-python3}"
logs="${OUT:-${TMPDIR:-/tmp}/graphtrainer-gpu-check-logs}"
mkdir -p "$logs"
work="$(mktemp -d "${TMPDIR:-/tmp}/graphtrainer-gpu-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
failed=()

# A step's time limit, where coreutils' timeout exists.
limit() { local seconds=$1; shift; if command -v timeout >/dev/null; then timeout --kill-after=10 "$seconds" "$@"; else "$@"; fi; }
step() { echo; echo "== $* ($(( $(date +%s) - start )) s)"; }

step "pack $pack (commit $(cat "$pack/COMMIT" 2>/dev/null || echo unknown))"
if command -v xz >/dev/null; then
  tar -C "$work" -xJf "$pack/graphtrainer-gpu-check.tar.xz" || { echo "error: could not unpack the program"; exit 1; }
else
  "$python" -m tarfile -e "$pack/graphtrainer-gpu-check.tar.xz" "$work" || { echo "error: could not unpack the program (no xz, and $python could not)"; exit 1; }
fi
app="$work/app/GraphTrainer.Gpu.Tests"
export GRAPHTRAINER_DATA="$pack/data"
# No ICU needed: a bare machine may not have libicu.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
cd "$work"

if [ "$emulated" = 1 ]; then
  export GRAPHTRAINER_TEST_GPU=emulated GRAPHTRAINER_CHECK=tiny
  serial=()
  torch_args=(--device cpu --steps-per-epoch 2 --timed-epochs 1 --eval-rows 100)  # as CheckSettings' tiny mode
  echo "dry run: ILGPU's CPU accelerator stands in for GPU:0; tiny sizes; no figure here is a GPU figure"
else
  export GRAPHTRAINER_TEST_GPU=cuda GRAPHTRAINER_CHECK=full
  torch_args=()
  # One test at a time on the real GPU: a failure is then a kernel's, not two tests' launches interleaving.
  serial=(-parallelMode none)
  step "GPU"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader || failed+=("nvidia-smi")
  else
    echo "nvidia-smi: not found (ILGPU needs only the driver's libcuda.so.1; going on)"
  fi
fi

step "devices"
if [ "$emulated" = 1 ]; then limit 30 "$app" devices; else limit 30 "$app" devices --require-cuda || failed+=("devices"); fi

step "kernel agreement suite (Category=Gpu) on $GRAPHTRAINER_TEST_GPU"
limit 110 "$app" -trait Category=Gpu -noColor -noLogo "${serial[@]}" >"$logs/gpu-check-agreement.log" 2>&1
status=$?
grep -E '\[FAIL\]|^\s+(Assert|System\.|ILGPU|Expected|Actual)|Total:' "$logs/gpu-check-agreement.log" | head -60
[ "$status" = 0 ] || { failed+=("agreement suite (exit $status; log $logs/gpu-check-agreement.log)"); [ "$status" = 124 ] && echo "error: timed out"; }

step "training checks (Category=GpuCheck, $GRAPHTRAINER_CHECK)"
limit 290 "$app" -trait Category=GpuCheck -noColor -noLogo >"$logs/gpu-check-training.log" 2>&1
status=$?
grep -E '^(tutorial|placement|epoch) \||\[FAIL\]|\[SKIP\]|^\s+(the tutorial|Assert|placement|System\.|ILGPU)|Total:' "$logs/gpu-check-training.log" | head -60
[ "$status" = 0 ] || { failed+=("training checks (exit $status; log $logs/gpu-check-training.log)"); [ "$status" = 124 ] && echo "error: timed out"; }

step "PyTorch eager, the same epochs"
if command -v "$python" >/dev/null; then
  limit 110 "$python" "$pack/gpu_epoch_torch.py" --data "$pack/data/MNIST_data" "${torch_args[@]}" 2>&1 | tee "$logs/gpu-check-torch.log"
  [ "${PIPESTATUS[0]}" = 0 ] || echo "pytorch: the reference run failed (exit ${PIPESTATUS[0]}; not a GraphTrainer failure)"
else
  echo "pytorch: no $python on this machine; no PyTorch reference figures" | tee "$logs/gpu-check-torch.log"
fi

step "epoch times (median of the timed epochs after a warm-up; same data, batches, optimizer)"
grep -h '^epoch |' "$logs/gpu-check-training.log" "$logs/gpu-check-torch.log" | sort -t'|' -k2,2 -s
echo
echo "gpu-check: $(( $(date +%s) - start )) s in all; logs in $logs"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'gpu-check: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "gpu-check: passed"
