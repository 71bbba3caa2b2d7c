#!/usr/bin/env sh
# Fine-Tune Playground GPU kit: the training bench on WebGPU (Dawn through Vulkan) without a
# browser, and, where PyTorch with CUDA is installed, the same models in PyTorch eager beside it.
# Usage: sh run.sh [--batch 32] [--steps 10] [--models vit,convnext,resnet]
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
WORK=${TMPDIR:-/tmp}/ftp-gpu-kit
mkdir -p "$WORK"
# Unpack once: Node and dawn.node ship gzipped to keep the kit small.
[ -x "$WORK/node" ] || { gunzip -c "$KIT/node.gz" > "$WORK/node"; chmod +x "$WORK/node"; }
[ -f "$WORK/dawn.node" ] || gunzip -c "$KIT/dawn.node.gz" > "$WORK/dawn.node"
cp "$KIT/bench.mjs" "$WORK/bench.mjs"
# The Vulkan loader comes with the kit (a bare machine may lack it); the driver's ICD is the machine's.
export LD_LIBRARY_PATH="$KIT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$WORK/node" "$WORK/bench.mjs" --dawn "$WORK/dawn.node" "$@"

# PyTorch CUDA eager, the twin's models, same configs and batch, AdamW (skipped without CUDA).
BATCH=32
STEPS=10
MODELS=vit,convnext,resnet
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) BATCH=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --models) MODELS=$2; shift 2 ;;
    *) shift ;;
  esac
done
if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  cd "$KIT/py"
  for m in $(echo "$MODELS" | tr ',' ' '); do
    i=0
    while [ "$i" -le "$STEPS" ]; do echo "$m $BATCH adamw"; i=$((i + 1)); done
  done | python3 -m tools.torch_twin.bench_step --device cuda | python3 "$KIT/summarise_torch.py" "$MODELS" "$BATCH" "$STEPS"
else
  echo "(PyTorch with CUDA not found: the PyTorch comparison is skipped)"
fi
