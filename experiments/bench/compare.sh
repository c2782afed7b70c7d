#!/usr/bin/env bash
# lskd against its PyTorch peers, side by side: for every model, `lskd bench` and the model's peer
# (peers/vision.py, binary.py, nmt.py) run in alternation, each model in its own processes (so
# each peak resident set is that model's), ROUNDS times, so drift on a shared machine hits both
# alike. Both sides get the same batch and thread count: the model's lskd defaults (`lskd bench
# --list`) unless --batch/--threads say otherwise. Prints each model's median throughput, the
# ratio lskd / PyTorch, and the peak resident sets and their ratio. Needs Debian's python3-torch
# (apt-get install python3-torch).
#
#   experiments/bench/compare.sh [--threads N] [--rounds R] [--batch B] [--model a,b] [--peer-blas DIR]
#                                [--warmup S] [--windows W] [--steps S]
#
# --warmup, --windows and --steps go to both sides (defaults: lskd bench's, 5 each).
# --peer-blas DIR puts DIR first on the peer's LD_LIBRARY_PATH, e.g. an OpenBLAS libblas.so.3 in
# place of Debian's reference BLAS (torch's matrix products use it; the peer prints the one loaded).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="" rounds=3 batch="" models="" peer_blas="" timing=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --model) models="$2"; shift 2 ;;
    --peer-blas) peer_blas="$2"; shift 2 ;;
    --warmup|--windows|--steps) timing+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare.sh: $python cannot import torch (Debian: apt-get install python3-torch)" >&2
  exit 2
fi
peer_of() {
  case "$1" in
    resnet-small|cnn-small) echo "$here/peers/vision.py" ;;
    reactnet-small) echo "$here/peers/binary.py" ;;
    transformer-teacher|transformer-student) echo "$here/peers/nmt.py" ;;
    *) echo "compare.sh: no PyTorch peer for model '$1'" >&2; return 1 ;;
  esac
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/../lskd" bench --list --json > "$work/models.json"
if [ -z "$models" ]; then
  models="$("$python" -c 'import json, sys; print(",".join(json.load(open(sys.argv[1]))))' "$work/models.json")"
fi
default_of() { # model, key
  "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' \
    "$work/models.json" "$1" "$2"
}
IFS=, read -r -a model_list <<< "$models"
for model in "${model_list[@]}"; do
  peer_of "$model" > /dev/null
done
for r in $(seq 1 "$rounds"); do
  for model in "${model_list[@]}"; do
    t="${threads:-$(default_of "$model" threads)}"
    b="${batch:-$(default_of "$model" batch)}"
    echo "round $r/$rounds: $model, batch $b, $t thread(s): lskd" >&2
    OMP_NUM_THREADS="$t" "$here/../lskd" bench --model "$model" --batch "$b" --threads "$t" \
      ${timing[@]+"${timing[@]}"} --json > "$work/lskd-$model-$r.json" 2> "$work/lskd-$model-$r.log" || { cat "$work/lskd-$model-$r.log" >&2; exit 1; }
    echo "round $r/$rounds: $model: pytorch" >&2
    PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS="$t" LD_LIBRARY_PATH="${peer_blas:+$peer_blas:}${LD_LIBRARY_PATH:-}" \
      "$python" "$(peer_of "$model")" --model "$model" --batch "$b" --threads "$t" ${timing[@]+"${timing[@]}"} \
      > "$work/torch-$model-$r.json"
  done
done
"$python" - "$work" "$rounds" "$models" <<'PY'
import json, statistics, sys
work, rounds, models = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
def runs(kind, model):
    return [json.load(open(f"{work}/{kind}-{model}-{r}.json")) for r in range(1, rounds + 1)]
def median(rows, key):
    return statistics.median(row[key] for row in rows)
first = models[0]
print(f"lskd:    {runs('lskd', first)[0]['native']}")
print(f"pytorch: {runs('torch', first)[0]['native']}")
print(f"{'model':<20} {'threads':>7} {'params lskd/torch':>21} {'step':>6} {'unit':>8} {'lskd/s':>10} {'torch/s':>10}"
      f" {'ratio':>6}")
memory = []
for model in models:
    ours = [run["models"][0] for run in runs("lskd", model)]
    peer = [run["models"][0] for run in runs("torch", model)]
    params = f"{ours[0]['parameters']:,}/{peer[0]['parameters']:,}"
    if ours[0]["parameters"] != peer[0]["parameters"]:
        params += " MISMATCH"
    unit = "tokens" if "token" in ours[0]["unit"] else ours[0]["unit"]
    for step in ("train", "infer"):
        a, b = median(ours, step + "PerSecond"), median(peer, step + "PerSecond")
        print(f"{model:<20} {ours[0]['threads']:>7} {params:>21} {step:>6} {unit:>8} {a:>10.1f} {b:>10.1f} {a / b:>6.2f}")
    memory.append((model, median(ours, "peakResidentBytes"), median(peer, "peakResidentBytes")))
print()
print(f"{'model':<20} {'peak RSS lskd MB':>17} {'torch MB':>9} {'ratio':>6}")
for model, a, b in memory:
    print(f"{model:<20} {a / 1e6:>17.0f} {b / 1e6:>9.0f} {a / b:>6.2f}")
PY
