#!/usr/bin/env bash
# lskd against its PyTorch peer, side by side: runs `lskd bench` and peers/vision.py in
# alternation (ROUNDS times each, so drift on a shared machine hits both alike), with the same
# models, batch and thread count, and prints each model's median throughput and the ratio
# lskd / PyTorch. Needs Debian's python3-torch (apt-get install python3-torch).
#
#   experiments/bench/compare.sh [--threads N] [--rounds R] [--batch B] [--model a,b]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads=2 rounds=3 batch=128 models=resnet-small,cnn-small
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --model) models="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare.sh: $python cannot import torch (Debian: apt-get install python3-torch)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: lskd" >&2
  OMP_NUM_THREADS="$threads" "$here/../lskd" bench --model "$models" --batch "$batch" --threads "$threads" --json \
    > "$work/lskd-$r.json" 2> "$work/lskd-$r.log" || { cat "$work/lskd-$r.log" >&2; exit 1; }
  echo "round $r/$rounds: pytorch" >&2
  OMP_NUM_THREADS="$threads" "$python" "$here/peers/vision.py" --model "$models" --batch "$batch" \
    --threads "$threads" > "$work/torch-$r.json"
done
"$python" - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def load(kind):
    runs = [json.load(open(f"{work}/{kind}-{r}.json")) for r in range(1, rounds + 1)]
    return runs[0]["native"], {m["model"]: m for m in runs[0]["models"]}, runs
lskd_native, lskd_models, lskd_runs = load("lskd")
torch_native, torch_models, torch_runs = load("torch")
print(f"lskd:    {lskd_native}")
print(f"pytorch: {torch_native}")
print(f"{'model':<14} {'params lskd/torch':>19} {'step':>6} {'lskd/s':>10} {'torch/s':>10} {'ratio':>7}")
for name in lskd_models:
    params = f"{lskd_models[name]['parameters']:,}/{torch_models[name]['parameters']:,}"
    for step in ("train", "infer"):
        key = step + "PerSecond"
        ours = statistics.median(next(m for m in run["models"] if m["model"] == name)[key] for run in lskd_runs)
        peer = statistics.median(next(m for m in run["models"] if m["model"] == name)[key] for run in torch_runs)
        print(f"{name:<14} {params:>19} {step:>6} {ours:>10.1f} {peer:>10.1f} {ours / peer:>7.2f}")
PY
