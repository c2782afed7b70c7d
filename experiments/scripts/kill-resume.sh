#!/usr/bin/env bash
# Kill-and-resume at scale: runs a suite, kills the lskd process with kill -9 at random moments
# again and again, restarting it on the same folder each time, until it finishes; then runs the
# same suite uninterrupted into another folder and compares every run's final metrics, model
# fingerprint and per-epoch figures. Prints how many kills were survived and whether the results
# are identical. Not a timed test: it takes as long as the suite (twice) plus the restarts.
#
# usage: experiments/scripts/kill-resume.sh [SUITE] [KILLS] [MAX_DELAY_S] [WORK_DIR]
#   SUITE        a suite file or bundled name (default: a tiny two-arm suite written to WORK_DIR)
#   KILLS        how many kill -9 to deliver before letting it finish (default 10)
#   MAX_DELAY_S  a kill comes 1..MAX_DELAY_S seconds after a start (default 20)
#   WORK_DIR     where both result folders go (default: a new temporary folder)
# Needs the jar (experiments/lskd builds it on first use). Exit code 0 when results are identical.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lskd="$here/../lskd"
kills_wanted="${2:-10}"
max_delay="${3:-20}"
work="${4:-$(mktemp -d -t lskd-kill-resume-XXXXXX)}"
mkdir -p "$work"
suite="${1:-}"
if [ -z "$suite" ]; then
  suite="$work/kill-resume.json"
  cat > "$suite" <<'JSON'
{"suite": "kill-resume", "seeds": [0],
 "task": {"type": "vision", "trainPerClass": 100, "evalBatchSize": 2000},
 "training": {"epochs": 2, "batchSize": 50, "checkpointSteps": 3},
 "arms": [{"name": "teacher-ls", "role": "teacher", "model": {"type": "resnet-small"},
           "smoother": {"type": "uniform", "alpha": 0.1}},
          {"name": "kd-ls", "model": {"type": "cnn-small"}, "teacher": "teacher-ls",
           "distiller": {"type": "hinton", "temperature": 4, "lambda": 1}},
          {"name": "student", "model": {"type": "cnn-small"}}]}
JSON
fi
killed="$work/killed"
reference="$work/reference"
"$lskd" --version >/dev/null # builds the jar first if needed, so that no kill hits the build

survived=0
resumed=0
starts=0
finished=no
while [ "$finished" = no ]; do
  starts=$((starts + 1))
  log="$work/attempt-$starts.log"
  "$lskd" run "$suite" --out "$killed" >"$log" 2>&1 &
  pid=$!
  if [ "$survived" -lt "$kills_wanted" ]; then
    # the kill comes 1..MAX_DELAY_S seconds after this process reports its first training step
    # (not during JVM start-up, data loading or graph building, where there is nothing to lose)
    while kill -0 "$pid" 2>/dev/null && ! grep -qE "epoch [0-9]+/[0-9]+ step" "$log"; do
      sleep 0.2
    done
    delay=$((1 + RANDOM % max_delay))
    for ((t = 0; t < delay * 10; t++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid"
      wait "$pid" 2>/dev/null || true
      survived=$((survived + 1))
      echo "kill $survived: ${delay}s after the first step; $(grep -E '^\[|epoch [0-9]+/[0-9]+ (step|done)' "$log" | tail -1 | sed 's/^ *//')"
      continue
    fi
  fi
  if wait "$pid"; then
    finished=yes
  else
    echo "kill-resume: lskd failed on its own; see $log" >&2
    exit 1
  fi
done
resumed=$(cat "$work"/attempt-*.log | grep -c "resuming from the checkpoint" || true)
echo "finished after $starts starts and $survived kills (kill -9); now the uninterrupted run"
"$lskd" run "$suite" --out "$reference" >"$work/reference.log" 2>&1
cat "$work"/attempt-*.log >"$work/killed.log"

same=0
differ=0
for run in "$reference"/*/*/; do
  [ -f "$run/result.json" ] || continue # teacher-outputs/ and other non-run folders
  name="${run#"$reference"/}"
  other="$killed/$name"
  # result.json is pretty-printed with sorted keys; only "seconds" (time) may differ
  if diff <(grep -v '"seconds"' "$run/result.json") <(grep -v '"seconds"' "$other/result.json") >/dev/null \
     && diff <(sed 's/,"seconds":[^,}]*//' "$run/metrics.jsonl") <(sed 's/,"seconds":[^,}]*//' "$other/metrics.jsonl") >/dev/null; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    echo "DIFFERS: $name"
  fi
done 2>/dev/null
echo "kills survived: $survived; runs resumed from a checkpoint: $resumed; runs identical to the uninterrupted run: $same; differing: $differ; folders: $work"
[ "$differ" -eq 0 ] && [ "$same" -gt 0 ]
