"""What every PyTorch peer of `lskd bench` shares: the timing (warm-up steps, then the median of
several windows, as lskd's ThroughputBenchmark), the peak resident set, the command line and the
JSON shaped like `lskd bench --json`."""
import argparse
import json
import resource
import statistics
import time

import torch


def measure(step, items, warmup, windows, steps):
    """Items per second: the median window and every window."""
    for _ in range(warmup):
        step()
    rates = []
    for _ in range(windows):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(items * steps / (time.perf_counter() - start))
    return statistics.median(rates), rates


def reset_peak_resident():
    """Starts a new peak resident set from the current one (Linux), as lskd does per model."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_resident_bytes():
    """The kernel's peak resident set (VmHWM) since the last reset; getrusage's where /proc has none."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def blas_library():
    """The BLAS shared library this process has loaded (torch's matrix products go through it)."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return sorted(paths)


def row(name, batch, threads, unit, parameters, train, infer):
    """One model's result, keyed as in `lskd bench --json`."""
    return {
        "model": name,
        "batch": batch,
        "threads": threads,
        "unit": unit,
        "parameters": parameters,
        "trainPerSecond": train[0],
        "trainWindows": train[1],
        "inferPerSecond": infer[0],
        "inferWindows": infer[1],
        "peakResidentBytes": peak_resident_bytes(),
    }


def parser(description, models, batch):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--model", default=",".join(models), help="comma-separated, default all")
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--windows", type=int, default=5)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    return p


def run(args, bench, extra_info=None):
    """Measures each chosen model, each from a fresh peak, and prints the JSON."""
    torch.set_num_threads(args.threads)
    rows = []
    for name in args.model.split(","):
        reset_peak_resident()
        rows.append(bench(name, args))
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(),
            "mkldnn": torch.backends.mkldnn.is_available(), "blasLoaded": blas_library()}
    info.update(extra_info or {})
    print(json.dumps({"native": info, "models": rows}, indent=2))
