# Independent MBG/NBD check by brute-force 2-D integration over (lambda, p) of the individual-level
# model (Batislam, Denizel & Filiztekin 2007): Poisson purchases at rate lambda while alive; a coin
# with dropout probability p is flipped at time 0 and after every purchase; lambda ~ Gamma(r, alpha),
# p ~ Beta(a, b). Given (lambda, p) and a history (x, t_x, T):
#   L = lambda^x (1-p)^x [ (1-p) e^{-lambda T} + p e^{-lambda t_x} ],  alive part (1-p) e^{-lambda T},
#   E[X(t)] new customer = (1-p)(1 - e^{-lambda p t})/p,  E[future | alive] = (1 - e^{-lambda p t})/p.
# Trapezoid rule in log lambda and logit p (spectrally accurate for these smooth integrands).
# Input (stdin JSON): {"params": {r, alpha, a, b}, "t", "times": [...], "customers": [[x, tx, T], ...]}
# Output: {"ex": E[X(t)] per time, "alive": P(alive) per customer, "ce": E[Y(t) | history]}.
import json, sys
import numpy as np
from scipy.special import betaln, gammaln

req = json.load(sys.stdin)
r, alpha, a, b = (req["params"][k] for k in ("r", "alpha", "a", "b"))
t = req["t"]
v = np.concatenate([np.linspace(-150, -30, 241)[:-1], np.linspace(-30, 6, 1201)])
u = np.linspace(-60, 40, 2001)
lam = np.exp(v)[:, None]
p = (1 / (1 + np.exp(-u)))[None, :]
q = (1 / (1 + np.exp(u)))[None, :]  # 1 - p without cancellation
log_wl = r * np.log(alpha) - gammaln(r) + r * np.log(lam) - alpha * lam  # d lambda = lambda dv
log_wp = a * np.log(p) + b * np.log(q) - betaln(a, b)  # dp = p (1 - p) du
W = np.exp(log_wl + log_wp)
integ = lambda f: float(np.trapezoid(np.trapezoid(f, x=u, axis=1), x=v))
fut = lambda h: -np.expm1(-lam * p * h) / p
ex = [integ(W * q * fut(h)) for h in req["times"]]
alive, ce = [], []
for x, tx, T in req["customers"]:
    base = W * lam ** x * q ** x
    A = base * q * np.exp(-lam * T)
    L = integ(A + base * p * np.exp(-lam * tx))
    alive.append(integ(A) / L)
    ce.append(integ(A * fut(t)) / L)
print(json.dumps({"ex": ex, "alive": alive, "ce": ce}))
