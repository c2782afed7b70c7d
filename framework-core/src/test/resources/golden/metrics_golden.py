"""Golden values for io.lskd.metrics, computed independently of the Java code with numpy.

Run from this directory:  python3 metrics_golden.py > metrics.json
Every number is written with Python's shortest round-trip repr, so the Java test reads back
exactly the doubles used here. NaN (empty reliability bins) is written as null.

Definitions (see the javadoc of each Java metric):
  topk       label within the first k of a STABLE argsort by decreasing probability
  nll        mean of -log(max(p[label], smallest normal double))
  ece        15 bins (b/15, (b+1)/15], found with searchsorted on the edges np.arange(16)/15;
             confidence = max p, prediction = argmax (first index on ties)
  stability  1-S: mean over classes WITH samples of the two-pass intra-class variance
  agreement  share of rows with argmax p == argmax reference
  confidence mean of max p
"""
import json
import math
import sys

import numpy as np

BINS = 15


def topk(p, y, k):
    order = np.argsort(-p, axis=1, kind="stable")[:, :k]
    return float((order == y[:, None]).any(axis=1).mean())


def nll(p, y):
    picked = p[np.arange(len(y)), y]
    return float(np.mean(-np.log(np.maximum(picked, np.finfo(np.float64).tiny))))


def reliability(p, y):
    conf = p.max(axis=1)
    correct = p.argmax(axis=1) == y
    edges = np.arange(BINS + 1) / BINS
    bins = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, BINS - 1)
    counts, accs, confs = [], [], []
    for b in range(BINS):
        mask = bins == b
        counts.append(int(mask.sum()))
        accs.append(float(correct[mask].mean()) if mask.any() else None)
        confs.append(float(conf[mask].mean()) if mask.any() else None)
    return counts, accs, confs


def ece(p, y):
    counts, accs, confs = reliability(p, y)
    n = len(y)
    return float(sum(c / n * abs(a - f) for c, a, f in zip(counts, accs, confs) if c > 0))


def stability(p, y, k):
    variances = []
    for c in range(k):
        rows = p[y == c]
        if len(rows) == 0:
            continue
        mean = rows.mean(axis=0)
        variances.append(float(((rows - mean) ** 2).sum(axis=1).mean()))
    return float(np.mean(variances)), k - len(variances)


def case(name, p, y, reference=None):
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    k = p.shape[1]
    counts, accs, confs = reliability(p, y)
    one_minus_s, left_out = stability(p, y, k)
    expected = {
        "top1": topk(p, y, 1),
        "nll": nll(p, y),
        "ece": ece(p, y),
        "stability": one_minus_s,
        "confidence": float(p.max(axis=1).mean()),
    }
    if k > 5:
        expected["top5"] = topk(p, y, 5)
    out = {"name": name, "numClasses": k, "probabilities": p.tolist(), "labels": y.tolist()}
    if reference is not None:
        reference = np.asarray(reference, dtype=np.float64)
        expected["agreement"] = float((p.argmax(axis=1) == reference.argmax(axis=1)).mean())
        out["reference"] = reference.tolist()
    out["expected"] = expected
    out["classesLeftOut"] = left_out
    out["bins"] = {"counts": counts, "accuracies": accs, "confidences": confs}
    return out


def random_case(rng):
    k, n = 10, 40
    p = rng.dirichlet(np.full(k, 0.5), size=n)
    return case("random_k10", p, rng.integers(0, k, size=n), rng.dirichlet(np.full(k, 0.5), size=n))


def ties_case():
    # exact ties: uniform rows, two-way and three-way ties at the top and in the middle
    u = 1 / 7
    rows = [
        [u] * 7,
        [u] * 7,
        [u] * 7,
        [0.3, 0.3, 0.1, 0.1, 0.1, 0.05, 0.05],
        [0.3, 0.3, 0.1, 0.1, 0.1, 0.05, 0.05],
        [0.3, 0.3, 0.1, 0.1, 0.1, 0.05, 0.05],
        [0.3, 0.3, 0.1, 0.1, 0.1, 0.05, 0.05],
        [0.05, 0.2, 0.2, 0.2, 0.1, 0.1, 0.15],
        [0.05, 0.2, 0.2, 0.2, 0.1, 0.1, 0.15],
    ]
    labels = [0, 4, 5, 0, 1, 4, 6, 3, 0]
    reference = [[0.0] * 6 + [1.0], [u] * 7] + rows[2:]
    return case("ties_k7", rows, labels, reference)


def ece_boundary_case():
    # confidences exactly on the bin edges j/15, and the doubles just around 11/15
    k = 20
    confidences = [j / 15 for j in range(2, 16)]
    confidences += [math.nextafter(11 / 15, 2.0), math.nextafter(11 / 15, 0.0)]
    rows, labels = [], []
    for i, c in enumerate(confidences):
        rest = (1 - c) / (k - 1)
        rows.append([c] + [rest] * (k - 1))
        labels.append(0 if i % 3 else 1 + i % (k - 1))
    return case("ece_boundaries_k20", rows, labels)


def empty_class_case(rng):
    k = 5
    labels = np.array([0, 1, 2, 4, 0, 1, 2, 4, 0, 4, 4, 2])
    return case("empty_class_k5", rng.dirichlet(np.ones(k), size=len(labels)), labels)


def small_case(rng):
    k = 3
    labels = np.array([0, 1, 2, 2, 1, 0, 0])
    p = rng.dirichlet(np.full(k, 2.0), size=len(labels))
    p[0] = [1e-320, 0.5, 0.5]  # p[label] below the smallest normal double: clamped in nll
    return case("small_k3_subnormal", p, labels, rng.dirichlet(np.ones(k), size=len(labels)))


def main():
    rng = np.random.default_rng(20210503)
    cases = [random_case(rng), ties_case(), ece_boundary_case(), empty_class_case(rng), small_case(rng)]
    json.dump({"generator": "metrics_golden.py, numpy " + np.__version__, "bins": BINS, "cases": cases},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
