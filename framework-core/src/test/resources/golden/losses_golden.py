"""Golden values for the lskd smoothers and distillers, from an independent numpy implementation.

Run from this directory with a python3 that has numpy:  python3 losses_golden.py
It rewrites losses.json beside it. The Java code subtracts the row max for its log-softmax
and uses closed-form gradients; this script uses np.logaddexp.reduce for the normaliser and
obtains every gradient by the chain rule through the explicit log-softmax Jacobian
d log p_c / d z_j = (delta_cj - p_j) / T, so the two share no code path.
"""
import json
import pathlib
import re

import numpy as np

K = 5
LABELS = [0, 3, 4, 1]
rng = np.random.default_rng(20210401)
STUDENT = np.round(rng.normal(0.0, 2.0, size=(len(LABELS), K)), 4)
TEACHER = np.round(rng.normal(0.0, 3.0, size=(len(LABELS), K)), 4)
# one row with large logits, to exercise the numerically stable log-softmax
STUDENT[2] = [60.0, -40.0, 55.5, 0.25, 59.0]
TEACHER[2] = [-20.0, 35.0, 30.0, 34.0, 10.0]


def smooth(name, alpha, label, k):
    if name == "none":
        y = np.zeros(k)
        y[label] = 1.0
    elif name == "uniform":
        y = np.full(k, alpha / k)
        y[label] += 1.0 - alpha
    elif name == "uniform-others":
        y = np.full(k, alpha / (k - 1))
        y[label] = 1.0 - alpha
    else:
        raise ValueError(name)
    return y


def log_softmax(z, t):
    x = z / t
    return x - np.logaddexp.reduce(x, axis=1, keepdims=True)


def grad_through_log_softmax(dl_dlogp, z, t):
    """Per row: dL/dz = dL/dlogp @ J with J[c, j] = (delta_cj - p_j) / T."""
    p = np.exp(log_softmax(z, t))
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        jac = (np.eye(z.shape[1]) - np.outer(np.ones(z.shape[1]), p[i])) / t
        out[i] = dl_dlogp[i] @ jac
    return out


def cross_entropy(zs, q):
    b = zs.shape[0]
    logp = log_softmax(zs, 1.0)
    value = -np.sum(q * logp) / b
    return value, grad_through_log_softmax(-q / b, zs, 1.0)


def soft_target(zs, zt, t):
    b = zs.shape[0]
    pt = np.exp(log_softmax(zt, t))
    value = -np.sum(pt * log_softmax(zs, t)) / b
    return value, grad_through_log_softmax(-pt / b, zs, t)


def hinton(zs, zt, q, t, lam):
    b = zs.shape[0]
    ce, g_ce = cross_entropy(zs, q)
    pt = np.exp(log_softmax(zt, t))
    kl = np.sum(pt * (log_softmax(zt, t) - log_softmax(zs, t))) / b
    g_kl = grad_through_log_softmax(-pt / b, zs, t)
    ce_term = (1.0 - lam) * ce
    kd_term = lam * t * t * kl
    return ce_term + kd_term, {"ce": ce_term, "kd": kd_term}, (1.0 - lam) * g_ce + lam * t * t * g_kl


SMOOTHERS = [("none", 0.0), ("uniform", 0.1), ("uniform", 0.3), ("uniform-others", 0.1), ("uniform-others", 0.3)]


def targets(name, alpha):
    return np.array([smooth(name, alpha, label, K) for label in LABELS])


def case(distiller, smoother, alpha, value, terms, grad, **params):
    return {"distiller": distiller, **params, "smoother": smoother, "alpha": alpha,
            "value": value, "terms": terms, "gradient": grad.tolist()}


def main():
    smoothers = [{"smoother": n, "alpha": a, "targets": targets(n, a).tolist()} for n, a in SMOOTHERS]
    distillers = []
    for n, a in SMOOTHERS:
        v, g = cross_entropy(STUDENT, targets(n, a))
        distillers.append(case("cross-entropy", n, a, v, {"ce": v}, g))
    for t in (1.0, 2.0, 4.0, 0.6):
        v, g = soft_target(STUDENT, TEACHER, t)
        distillers.append(case("soft-target", "none", 0.0, v, {"kd": v}, g, temperature=t))
    for t, lam, n, a in [(1.0, 0.5, "none", 0.0), (4.0, 0.9, "uniform", 0.1), (2.0, 0.0, "uniform-others", 0.1),
                         (3.0, 1.0, "none", 0.0), (0.6, 0.3, "uniform", 0.3), (10.0, 0.7, "uniform-others", 0.3)]:
        v, terms, g = hinton(STUDENT, TEACHER, targets(n, a), t, lam)
        distillers.append(case("hinton", n, a, v, terms, g, temperature=t, **{"lambda": lam}))
    out = {"numClasses": K, "labels": LABELS, "student": STUDENT.tolist(), "teacher": TEACHER.tolist(),
           "smoothers": smoothers, "distillers": distillers}
    path = pathlib.Path(__file__).with_name("losses.json")
    text = json.dumps(out, indent=1)
    # one line per innermost list of numbers keeps the file short enough to read
    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)
    path.write_text(text + "\n")


if __name__ == "__main__":
    main()
