# Golden values for io.lskd.analysis (TemplatePlane, ClusterGeometry, ClassMeanSoftmax,
# SoftLabelDiffusion), computed independently with numpy. Re-derive with:
#   python3 analysis_golden.py > analysis.json
import json
import numpy as np

rng = np.random.default_rng(20211)
d = 5
W = rng.normal(size=(4, d + 1)).round(6)          # 4 templates, bias folded in (last column)
X = rng.normal(size=(12, d)).round(6)             # penultimate activations
labels = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 0, 2])

# plane through templates 2 (a), 0 (b), 3 (c): Gram-Schmidt on w_b - w_a, w_c - w_a
a, b, c = 2, 0, 3
e1 = W[b] - W[a]
u1 = e1 / np.linalg.norm(e1)
e2 = W[c] - W[a]
r = e2 - (e2 @ u1) * u1
u2 = r / np.linalg.norm(r)
Xp = np.hstack([X, np.ones((len(X), 1))])
proj = np.stack([Xp @ u1, Xp @ u2], axis=1)

# cluster geometry of the projected points, clusters = labels 0, 1, 2 (label 3 left out)
cent = [proj[labels == k].mean(axis=0) for k in range(3)]
rad = [np.sqrt(((proj[labels == k] - cent[k]) ** 2).sum(axis=1).mean()) for k in range(3)]
dist = {f"{i}{j}": float(np.linalg.norm(cent[i] - cent[j])) for i, j in [(0, 1), (0, 2), (1, 2)]}
sep = {f"{i}{j}": dist[f"{i}{j}"] / ((rad[i] + rad[j]) / 2) for i, j in [(0, 1), (0, 2), (1, 2)]}

# logits of the 12 samples from all four templates; class-mean softmax over true classes
Z = Xp @ W.T
def softmax(z, t=1.0):
    z = z / t
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
P = softmax(Z)
cms = np.array([P[labels == k].mean(axis=0) for k in range(4)])

# soft-label diffusion at T
diff = {}
for T in [1.0, 2.0, 4.0, 8.0]:
    p = softmax(Z, T)
    m = 1 - p[np.arange(len(labels)), labels]
    ent = []
    for i in range(len(labels)):
        q = np.delete(p[i], labels[i]) / m[i]
        ent.append(-(q * np.log(q)).sum() / np.log(Z.shape[1] - 1))
    diff[str(T)] = {"nonTargetMass": float(m.mean()), "diffusion": float(np.mean(ent))}

print(json.dumps({
    "templates": W.tolist(), "features": X.tolist(), "labels": labels.tolist(),
    "plane": {"a": a, "b": b, "c": c, "u1": u1.tolist(), "u2": u2.tolist(), "projected": proj.tolist()},
    "clusters": {"centroids": [x.tolist() for x in cent], "radii": rad, "distances": dist, "separations": sep},
    "classMeanSoftmax": cms.tolist(),
    "diffusion": diff,
    "longTail": {"nMax": 2000, "k": 10, "factor100": [int(np.floor(2000 * 100.0 ** (-c / 9) + 1e-9)) for c in range(10)],
                 "factor10": [int(np.floor(2000 * 10.0 ** (-c / 9) + 1e-9)) for c in range(10)]},
}, indent=1))
