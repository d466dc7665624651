# Independent maximum-likelihood fits with scipy for the MBG/NBD (Batislam et al. 2007), the
# BG/BB (Fader, Hardie & Shang 2010, eq. 5) and the shifted-beta-geometric (Fader & Hardie 2007)
# likelihoods, written directly from the papers with scipy.special.betaln / gammaln (no shared
# code with the TypeScript fitters): Nelder-Mead then BFGS on log parameters, standard errors from
# a finite-difference Hessian of the log-likelihood.
# Input (stdin JSON): {"model": "mbgnbd", "x", "tx", "T"} | {"model": "bgbb", "x", "tx", "n", "w"}
#   | {"model": "sbg", "alive": [...]}. Output: {"params", "se", "ll"}.
import json, sys
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

req = json.load(sys.stdin)
model = req["model"]

if model == "mbgnbd":
    x, tx, T = (np.array(req[k], dtype=float) for k in ("x", "tx", "T"))
    def ll(th):
        r, al, a, b = np.exp(th)
        A1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
        A2 = betaln(a, b + x + 1) - betaln(a, b)
        return float(np.sum(A1 + A2 + np.logaddexp(-(r + x) * np.log(al + T), np.log(a) - np.log(b + x) - (r + x) * np.log(al + tx))))
    x0 = np.zeros(4)
elif model == "bgbb":
    x, tx, n, w = (np.array(req[k], dtype=float) for k in ("x", "tx", "n", "w"))
    def ll(th):
        al, be, ga, de = np.exp(th)
        tot = 0.0
        for xi, ti, ni, wi in zip(x, tx, n, w):
            terms = [betaln(al + xi, be + ni - xi) - betaln(al, be) + betaln(ga, de + ni) - betaln(ga, de)]
            for i in range(int(ni - ti)):
                terms.append(betaln(al + xi, be + ti - xi + i) - betaln(al, be) + betaln(ga + 1, de + ti + i) - betaln(ga, de))
            tot += wi * np.logaddexp.reduce(terms)
        return float(tot)
    x0 = np.zeros(4)
else:
    alive = np.array(req["alive"], dtype=float)
    k = len(alive) - 1
    def ll(th):
        a, b = np.exp(th)
        t = np.arange(1, k + 1)
        lp = betaln(a + 1, b + t - 1) - betaln(a, b)
        ls = betaln(a, b + k) - betaln(a, b)
        return float(np.sum((alive[:-1] - alive[1:]) * lp) + alive[-1] * ls)
    x0 = np.zeros(2)

res = minimize(lambda th: -ll(th), x0, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-11, maxiter=40000, maxfev=80000))
res = minimize(lambda th: -ll(th), res.x, method="BFGS", options=dict(gtol=1e-8))
th = res.x
m = len(th)
h = 1e-4
H = np.zeros((m, m))
for i in range(m):
    for j in range(m):
        e_i, e_j = np.eye(m)[i] * h, np.eye(m)[j] * h
        H[i, j] = (ll(th + e_i + e_j) - ll(th + e_i - e_j) - ll(th - e_i + e_j) + ll(th - e_i - e_j)) / (4 * h * h)
cov = np.linalg.inv(-H)
vals = np.exp(th)
print(json.dumps({"params": vals.tolist(), "se": (vals * np.sqrt(np.diag(cov))).tolist(), "ll": ll(th)}))
