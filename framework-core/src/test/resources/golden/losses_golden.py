"""Golden values for the lskd smoothers and distillers, from an independent numpy implementation.

Run from this directory with a python3 that has numpy:  python3 losses_golden.py
It rewrites losses.json beside it. The Java code subtracts the row max for its log-softmax
and uses closed-form gradients; this script uses np.logaddexp.reduce for the normaliser and
obtains the gradients of cross-entropy, soft-target and Hinton KD by the chain rule through
the explicit log-softmax Jacobian d log p_c / d z_j = (delta_cj - p_j) / T, and those of
every later loss (DKD, DIST, MaxSup, confidence penalty, weighted sums) by complex-step
differentiation, dL/dz = Im L(z + i h) / h with h = 1e-30, which is exact to rounding for
these analytic functions and shares nothing with the Java formulas.
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


H = 1e-30


def complex_step_gradient(loss, zs):
    """dL/dzs of a scalar loss written with complex-safe numpy (exp, log, sqrt, sums)."""
    grad = np.empty(zs.shape)
    for i in range(zs.shape[0]):
        for c in range(zs.shape[1]):
            z = zs.astype(complex)
            z[i, c] += 1j * H
            grad[i, c] = loss(z).imag / H
    return grad


def lse(x):
    """Row-wise log-sum-exp, complex-safe (the shift uses the real part)."""
    m = np.max(x.real, axis=1, keepdims=True)
    return m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))


def c_log_softmax(z, t):
    x = z / t
    return x - lse(x)


def c_cross_entropy(zs, q):
    return -np.sum(q * c_log_softmax(zs, 1.0)) / zs.shape[0]


def dkd_value(zs, zt, q, labels, t, a, b, w):
    """Zhao et al. 2022: w CE(q) + T^2 (a KL(binary target/rest) + b KL(non-target renormalised)), batch means."""
    n, k = zs.shape
    tckd = 0.0
    nckd = 0.0
    for i in range(n):
        y = labels[i]
        others = [c for c in range(k) if c != y]
        xs, xt = zs[i] / t, zt[i] / t
        ls_all, lt_all = lse(xs[None, :])[0, 0], lse(xt[None, :])[0, 0]
        ls_oth, lt_oth = lse(xs[None, others])[0, 0], lse(xt[None, others])[0, 0]
        log_bs, log_bt = xs[y] - ls_all, xt[y] - lt_all
        log_rs, log_rt = ls_oth - ls_all, lt_oth - lt_all
        tckd += np.exp(log_bt) * (log_bt - log_bs) + np.exp(log_rt) * (log_rt - log_rs)
        qs, qt = xs[others] - ls_oth, xt[others] - lt_oth
        nckd += np.sum(np.exp(qt) * (qt - qs))
    terms = {"ce": w * c_cross_entropy(zs, q), "tckd": a * t * t * tckd / n, "nckd": b * t * t * nckd / n}
    return terms


def pearson(u, v, eps=1e-8):
    cu, cv = u - u.mean(), v - v.mean()
    return np.sum(cu * cv) / np.sqrt(np.sum(cu * cu) * np.sum(cv * cv) + eps * eps)


def dist_value(zs, zt, q, t, b, g, w):
    """Huang et al. 2022: w CE + T^2 (b (1 - mean row correlation) + g (1 - mean column correlation))."""
    ps = np.exp(c_log_softmax(zs, t))
    pt = np.exp(c_log_softmax(zt, t))
    n, k = zs.shape
    inter = 1.0 - sum(pearson(ps[i], pt[i]) for i in range(n)) / n
    intra = 1.0 - sum(pearson(ps[:, j], pt[:, j]) for j in range(k)) / k
    return {"ce": w * c_cross_entropy(zs, q), "inter": t * t * b * inter, "intra": t * t * g * intra}


def maxsup_value(zs, lam):
    rows = np.arange(zs.shape[0])
    top = np.argmax(zs.real, axis=1)
    return {"maxsup": lam * np.mean(zs[rows, top] - zs.mean(axis=1))}


def confidence_penalty_value(zs, beta):
    logp = c_log_softmax(zs, 1.0)
    entropy = -np.sum(np.exp(logp) * logp, axis=1)
    return {"confidence-penalty": -beta * np.mean(entropy)}


def hinton_terms(zs, zt, q, t, lam):
    logpt = c_log_softmax(zt, t)
    kl = np.sum(np.exp(logpt) * (logpt - c_log_softmax(zs, t))) / zs.shape[0]
    return {"ce": (1.0 - lam) * c_cross_entropy(zs, q), "kd": lam * t * t * kl}


def complex_case(distiller, smoother, smoothing, terms_of, **params):
    """A case whose value and terms come from terms_of(z) and whose gradient is the complex step of their sum.
    The distiller's parameters go under "params" (DKD's alpha would clash with the smoother's)."""
    terms = {name: float(np.real(v)) for name, v in terms_of(STUDENT.astype(complex)).items()}
    grad = complex_step_gradient(lambda z: sum(terms_of(z).values()), STUDENT)
    return case(distiller, smoother, smoothing, sum(terms.values()), terms, grad, params=params)


def tf_kd_reg_targets(alpha, t, correct):
    out = []
    for label in LABELS:
        v = np.full(K, (1.0 - correct) / (K - 1))
        v[label] = correct
        soft = np.exp(v / t - np.logaddexp.reduce(v / t))
        y = alpha * soft
        y[label] += 1.0 - alpha
        out.append(y)
    return np.array(out)


def online_label_smoothing(alpha):
    """Zhang et al. 2021: S starts uniform; after an epoch, row c = mean softmax of the correctly classified class-c samples."""
    s = np.full((K, K), 1.0 / K)
    before = np.array([alpha * s[y] + (1.0 - alpha) * np.eye(K)[y] for y in LABELS])
    sums = np.zeros((K, K))
    counts = np.zeros(K)
    # a third batch that puts every sample on its label, so that every labelled class has a correct sample
    aligned = 4.0 * np.eye(K)[LABELS] + 0.5 * STUDENT
    observed = [STUDENT, TEACHER, aligned]
    for logits in observed:
        p = np.exp(log_softmax(logits, 1.0))
        for i, y in enumerate(LABELS):
            if np.argmax(p[i]) == y:
                sums[y] += p[i]
                counts[y] += 1
    s = np.array([sums[c] / counts[c] if counts[c] > 0 else np.full(K, 1.0 / K) for c in range(K)])
    after = np.array([alpha * s[y] + (1.0 - alpha) * np.eye(K)[y] for y in LABELS])
    return {"alpha": alpha, "observed": [m.tolist() for m in observed], "targetsBefore": before.tolist(),
            "soft": s.tolist(), "counts": counts.tolist(), "targetsAfter": after.tolist()}


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
    labels = np.array(LABELS)
    for t, a, b, w, n, al in [(4.0, 1.0, 8.0, 1.0, "none", 0.0), (1.0, 0.5, 2.0, 0.0, "uniform", 0.1),
                              (0.6, 2.0, 0.5, 0.3, "uniform-others", 0.3)]:
        q = targets(n, al)
        distillers.append(complex_case("dkd", n, al, lambda z: dkd_value(z, TEACHER, q, labels, t, a, b, w),
                                       temperature=t, alpha=a, beta=b, ceWeight=w))
    for t, b, g, w, n, al in [(1.0, 1.0, 1.0, 1.0, "none", 0.0), (4.0, 2.0, 0.5, 0.0, "uniform", 0.1),
                              (0.6, 0.3, 2.0, 0.5, "uniform-others", 0.3)]:
        q = targets(n, al)
        distillers.append(complex_case("dist", n, al, lambda z: dist_value(z, TEACHER, q, t, b, g, w),
                                       temperature=t, beta=b, gamma=g, ceWeight=w))
    for lam in (0.1, 0.7):
        distillers.append(complex_case("maxsup", "none", 0.0, lambda z: maxsup_value(z, lam), **{"lambda": lam}))
    for beta in (0.1, 1.5):
        distillers.append(complex_case("confidence-penalty", "none", 0.0,
                                       lambda z: confidence_penalty_value(z, beta), beta=beta))
    q = targets("uniform", 0.1)
    distillers.append(complex_case("tf-kd-self", "uniform", 0.1, lambda z: hinton_terms(z, TEACHER, q, 6.0, 0.95),
                                   temperature=6.0, alpha=0.95))

    def weighted(z):
        ce = c_cross_entropy(z, q)
        hint = hinton_terms(z, TEACHER, q, 2.0, 0.5)
        return {"hard": 0.3 * ce, "kd.ce": 0.7 * hint["ce"], "kd.kd": 0.7 * hint["kd"],
                "penalty": 2.0 * maxsup_value(z, 0.1)["maxsup"]}
    distillers.append(complex_case("weighted-sum", "uniform", 0.1, weighted, entries=[
        {"name": "hard", "weight": 0.3, "distiller": "cross-entropy", "params": {}},
        {"name": "kd", "weight": 0.7, "distiller": "hinton", "params": {"temperature": 2.0, "lambda": 0.5}},
        {"name": "penalty", "weight": 2.0, "distiller": "maxsup", "params": {"lambda": 0.1}}]))
    for al, t, c in [(0.1, 20.0, 0.99), (0.3, 2.0, 0.9)]:
        smoothers.append({"smoother": "tf-kd-reg", "alpha": al, "temperature": t, "correctProbability": c,
                          "targets": tf_kd_reg_targets(al, t, c).tolist()})
    out = {"numClasses": K, "labels": LABELS, "student": STUDENT.tolist(), "teacher": TEACHER.tolist(),
           "smoothers": smoothers, "distillers": distillers, "online": online_label_smoothing(0.5)}
    path = pathlib.Path(__file__).with_name("losses.json")
    text = json.dumps(out, indent=1)
    # one line per innermost list of numbers keeps the file short enough to read
    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)
    path.write_text(text + "\n")


if __name__ == "__main__":
    main()
