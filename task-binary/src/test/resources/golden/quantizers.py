# Golden values for task-binary's quantizers: Larq's formulas (larq/quantizers.py, v0.13)
# written in numpy, float64. Regenerate: python3 quantizers.py > quantizers.json
# Each case: input x (shape), incoming gradient dy, expected forward q(x) and the gradient the
# rule passes back, dL/dx for L = sum(dy * q(x)).
import json
import numpy as np

rng = np.random.default_rng(20251130)
# elementwise cases: a vector with the edge points (0, the clip bounds) and random values
edges = np.array([0.0, 1.0, -1.0, 0.5, -0.5, 0.05, -0.05, 1.5, -2.0, 0.999, -0.2, 0.3])
x = np.concatenate([edges, rng.normal(0, 1.2, 12)])
dy = rng.normal(0, 1, x.shape)

def sign0(v):  # sign(0) = +1
    return np.sign(np.sign(v) + 0.1)

def mask(v, clip):
    return (np.abs(v) <= clip).astype(float)

cases = []
def add(name, params, xs, q, g, shape=None):
    cases.append({"quantizer": name, "params": params, "shape": list(shape or xs.shape),
                  "x": xs.ravel().tolist(), "dy": dyv.ravel().tolist(),
                  "forward": q.ravel().tolist(), "gradient": g.ravel().tolist()})

dyv = dy
add("ste_sign", {"clip": 1.0}, x, sign0(x), dy * mask(x, 1.0))
add("ste_sign", {"clip": 0.5}, x, sign0(x), dy * mask(x, 0.5))
add("approx_sign", {}, x, sign0(x), dy * np.where(np.abs(x) <= 1, 2 - 2 * np.abs(x), 0.0))
b = 5.0
bx = b * x
add("swish_sign", {"beta": 5.0}, x, sign0(x), dy * b * (2 - bx * np.tanh(bx * 0.5)) / (1 + np.cosh(bx)))
add("ste_heaviside", {"clip": 1.0}, x, np.where(x > 0, 1.0, 0.0), dy * mask(x, 1.0))
t = 0.05
add("ste_tern", {"threshold": 0.05, "twn": False, "clip": 1.0}, x,
    np.sign(np.sign(x + t) + np.sign(x - t)), dy * mask(x, 1.0))
tw = 0.7 * np.sum(np.abs(x)) / x.size
add("ste_tern", {"threshold": 0.05, "twn": True, "clip": 1.0}, x,
    np.sign(np.sign(x + tw) + np.sign(x - tw)), dy * mask(x, 1.0))
xa = np.concatenate([np.array([0.0, 1.0, -0.3, 0.5, 1.2, 0.17, 0.34, 0.83]), rng.uniform(-0.5, 1.5, 16)])
dyv = rng.normal(0, 1, xa.shape)
n = 2 ** 2 - 1
add("dorefa", {"bits": 2, "mode": "activations"}, xa, np.round(np.clip(xa, 0, 1) * n) / n,
    dyv * ((xa >= 0) & (xa <= 1)).astype(float))
# weights mode: u = tanh(x) / (2 max|tanh x|) + 1/2, q = 2 round(n u) / n - 1, rounding straight through
xw = rng.normal(0, 0.8, (3, 2, 4))
dyv = rng.normal(0, 1, xw.shape)
n = 2 ** 3 - 1
tx = np.tanh(xw)
m = np.max(np.abs(tx))
u = tx / (2 * m) + 0.5
q = 2 * (np.round(u * n) / n) - 1
du = 2 * dyv                                  # dq/du = 2 (straight through the rounding)
j = np.argmax(np.abs(tx))
dt = du / (2 * m)                             # through t / (2m) for fixed m
dm = -np.sum(du * tx) / (2 * m * m)           # through m
dt.ravel()[j] += dm * np.sign(tx.ravel()[j])  # m = |t_j|
g = dt * (1 - tx ** 2)
add("dorefa", {"bits": 3, "mode": "weights"}, xw, q, g)
# magnitude-aware sign on a YXIO-shaped kernel (2, 2, 3, 4): one scale per output channel
xk = rng.normal(0, 0.7, (2, 2, 3, 4))
xk[0, 0, 0, 0] = 0.0
xk[1, 1, 2, 3] = 1.0
dyv = rng.normal(0, 1, xk.shape)
s = np.mean(np.abs(xk), axis=(0, 1, 2), keepdims=True)
add("magnitude_aware_sign", {"clip": 1.0}, xk, s * sign0(xk), dyv * s * mask(xk, 1.0))
print(json.dumps({"source": "quantizers.py beside this file (Larq's formulas in numpy)", "cases": cases}, indent=1))
