# Independent GGom/NBD check (Bemmaor & Glady 2012): the individual likelihood integrated with
# scipy.integrate.quad, written as in CLVTools' reference R code (tests/testthat/
# test_correctness_ggomnbd.R, from Bemmaor & Glady's Matlab):
#   l1 = lnG(r+x) - lnG(r) + r ln(a/(a+T)) - x ln(a+T) + s ln(beta/(beta-1+e^{bT}))
#   l2 = lnG(r+x) - lnG(r) + ln b + r ln a + ln s + s ln beta + ln Int_{t_x}^{T} (y+a)^-(r+x) (beta+e^{by}-1)^-(s+1) e^{by} dy
#   ln L = ln(e^l1 + e^l2),  P(alive) = e^l1 / L.
# Input (stdin JSON): {"params": {r, alpha, b, s, beta}, "customers": [[x, tx, T], ...]}
# Output: {"ll": [...], "alive": [...]} per customer.
import json, sys
import numpy as np
from scipy.integrate import quad
from scipy.special import gammaln

req = json.load(sys.stdin)
r, a, b, s, beta = (req["params"][k] for k in ("r", "alpha", "b", "s", "beta"))
ll, alive = [], []
for x, tx, T in req["customers"]:
    g = gammaln(r + x) - gammaln(r)
    l1 = g + r * (np.log(a) - np.log(a + T)) - x * np.log(a + T) + s * (np.log(beta) - np.log(beta + np.expm1(b * T)))
    if T > tx:
        # scale the integrand by its value at t_x so quad sees O(1) numbers
        ref = -(r + x) * np.log(a + tx) - (s + 1) * np.log(beta + np.expm1(b * tx)) + b * tx
        f = lambda y: np.exp(-(r + x) * np.log(a + y) - (s + 1) * np.log(beta + np.expm1(b * y)) + b * y - ref)
        I, _ = quad(f, tx, T, epsabs=0, epsrel=1e-13, limit=500)
        l2 = g + np.log(b) + r * np.log(a) + np.log(s) + s * np.log(beta) + ref + np.log(I)
        L = np.logaddexp(l1, l2)
    else:
        L = l1
    ll.append(float(L))
    alive.append(float(np.exp(l1 - L)))
print(json.dumps({"ll": ll, "alive": alive}))
