# Independent maximum-likelihood fits with scipy (Nelder-Mead then BFGS on log parameters, then a
# finite-difference Hessian of the log-likelihood for standard errors), for BG/NBD (Fader,
# Hardie & Lee 2005 eq. 6) and Gamma-Gamma (Fader & Hardie 2013 eq. 1).
# Input (stdin JSON): {"model": "bgnbd"|"gamma-gamma", "x": [...], "tx": [...], "T": [...]} or
# {"model": "gamma-gamma", "x": [...], "m": [...]}. Output: {"params", "se", "ll"}.
import json, sys
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

req = json.load(sys.stdin)
x = np.array(req["x"], dtype=float)

if req["model"] == "bgnbd":
    tx, T = np.array(req["tx"]), np.array(req["T"])
    def ll(th):
        r, al, a, b = np.exp(th)
        A1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
        A2 = betaln(a, b + x) - betaln(a, b)
        t1 = -(r + x) * np.log(al + T)
        t2 = np.where(x > 0, betaln(a + 1, b + np.maximum(x, 1) - 1) - betaln(a, b + x) - (r + x) * np.log(al + tx), -np.inf)
        return float(np.sum(A1 + A2 + np.logaddexp(t1, t2)))
    x0 = np.zeros(4)
else:
    m = np.array(req["m"])
    def ll(th):
        p, q, g = np.exp(th)
        return float(np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(g)
                            + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(g + m * x)))
    x0 = np.array([0.0, 0.0, np.log(np.mean(m))])

res = minimize(lambda th: -ll(th), x0, method="Nelder-Mead", options=dict(xatol=1e-9, fatol=1e-10, maxiter=20000, maxfev=40000))
res = minimize(lambda th: -ll(th), res.x, method="BFGS", options=dict(gtol=1e-7))
th = res.x
n = len(th)
h = 1e-4
H = np.zeros((n, n))
for i in range(n):
    for j in range(n):
        e_i, e_j = np.eye(n)[i] * h, np.eye(n)[j] * h
        H[i, j] = (ll(th + e_i + e_j) - ll(th + e_i - e_j) - ll(th - e_i + e_j) + ll(th - e_i - e_j)) / (4 * h * h)
cov = np.linalg.inv(-H)
vals = np.exp(th)
print(json.dumps({"params": vals.tolist(), "se": (vals * np.sqrt(np.diag(cov))).tolist(), "ll": ll(th)}))
