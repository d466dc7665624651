# Independent check of the Pareto/NBD boundary model (s, beta -> infinity with s/beta = mu):
# exponential lifetimes with ONE common rate mu, Poisson purchases at rate lambda while alive,
# lambda ~ Gamma(r, alpha). Individual likelihood (Fader & Hardie 2005 note, eq. 3 with mu fixed)
#   L(lambda) = lambda^x e^{-(lambda+mu)T} + mu/(lambda+mu) lambda^x (e^{-(lambda+mu)tx} - e^{-(lambda+mu)T}),
# integrated over lambda with numpy on a fine log-spaced grid (trapezoid in log lambda).
# Input (stdin JSON): {"params": {r, alpha, mu}, "customers": [[x, tx, T], ...]}
# Output (stdout JSON): per customer log L.
import json, sys
import numpy as np
from scipy.special import gammaln

req = json.load(sys.stdin)
r, alpha, mu = (req["params"][k] for k in ("r", "alpha", "mu"))
v = np.concatenate([np.linspace(-150, -30, 2401)[:-1], np.linspace(-30, 8, 200001)])
lam = np.exp(v)
log_w = r * np.log(alpha) - gammaln(r) + r * v - alpha * lam  # prior density x Jacobian (d lambda = lambda dv)
out = []
for x, tx, T in req["customers"]:
    la = log_w + x * v
    alive = la - (lam + mu) * T
    dead = la + np.log(mu) - np.log(lam + mu) + np.log(np.maximum(np.exp(-(lam + mu) * tx) - np.exp(-(lam + mu) * T), 1e-300))
    m = max(alive.max(), dead.max())
    f = np.exp(alive - m) + (np.exp(dead - m) if T > tx else 0)
    out.append(float(m + np.log(np.trapezoid(f, x=v))))
print(json.dumps(out))
