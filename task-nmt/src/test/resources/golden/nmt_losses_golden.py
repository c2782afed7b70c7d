"""Golden values for task-nmt's token losses, computed independently with numpy.

Run: python3 nmt_losses_golden.py > nmt-losses.json

Fixture: 5 target positions of a 6-token vocabulary, two sentences (3 and 2 real tokens)
padded to length 3, so row 5 (index 5 of 6) is padding. Losses are means over the real tokens.
- ls_ce: fairseq label_smoothed_nll_loss, (1 - eps) nll + eps/V sum_v -log p_v (eps/V on every
  token, the reference included), eps = 0.1.
- word_kd: Tan et al. 2019: q = softmax(top-k teacher logits / T), 0 elsewhere;
  a T^2 (-sum q log softmax(z/T)) + (1 - a) ls_ce, with a = 0.5, T = 0.6, k = 3.
"""
import json
import numpy as np

V = 6
student = np.array([
    [1.0, -0.5, 2.0, 0.3, -1.2, 0.8],
    [0.2, 0.1, -0.3, 1.5, 0.9, -2.0],
    [-1.0, 3.0, 0.5, 0.5, 0.0, 1.1],
    [2.5, -0.7, 0.4, -1.1, 1.3, 0.2],
    [0.0, 0.6, 1.9, -0.4, 0.7, -0.9],
    [9.0, 9.0, 9.0, 9.0, 9.0, 9.0],   # padding position: must not count
])
teacher = np.array([
    [0.5, -1.0, 3.0, 1.0, -2.0, 0.1],
    [-0.3, 0.4, 0.2, 2.2, 1.8, -1.5],
    [-0.5, 2.5, 1.5, 0.9, -0.2, 0.3],
    [3.1, 0.2, 0.8, -0.6, 2.9, 0.0],
    [0.1, 0.2, 2.4, -1.0, 1.6, -0.3],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
])
targets = [2, 3, 1, 0, 2, 0]
mask = np.array([1, 1, 1, 1, 1, 0], dtype=float)


def log_softmax(z, t=1.0):
    x = z / t
    x = x - x.max(axis=1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=1, keepdims=True))


def ls_ce_rows(eps):
    lp = log_softmax(student)
    nll = -lp[np.arange(len(targets)), targets]
    smooth = -lp.sum(axis=1)
    return (1 - eps) * nll + eps / V * smooth


def topk_q(k, t):
    q = np.zeros_like(teacher)
    for r in range(len(teacher)):
        idx = np.argsort(-teacher[r], kind="stable")[:k]
        e = np.exp(teacher[r, idx] / t - (teacher[r, idx] / t).max())
        q[r, idx] = e / e.sum()
    return q


def masked_mean(rows):
    return float((rows * mask).sum() / mask.sum())


eps, a, t, k = 0.1, 0.5, 0.6, 3
q = topk_q(k, t)
kd_rows = -(q * log_softmax(student, t)).sum(axis=1)
out = {
    "vocab": V, "student": student.tolist(), "teacher": teacher.tolist(), "targets": targets,
    "mask": mask.tolist(), "epsilon": eps, "alpha": a, "temperature": t, "topK": k,
    "ce": masked_mean(ls_ce_rows(0.0)),
    "ls_ce": masked_mean(ls_ce_rows(eps)),
    "word_kd": masked_mean(a * t * t * kd_rows + (1 - a) * ls_ce_rows(eps)),
    "word_kd_q_row0": q[0].tolist(),
}
print(json.dumps(out, indent=1))
