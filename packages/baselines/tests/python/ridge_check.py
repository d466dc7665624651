# Ridge regression reference with numpy: standardise columns on the training rows (population
# sd; constant columns dropped), centre y, solve (Z'Z + lambda I) b = Z'y, predict all rows.
import json, sys
import numpy as np

req = json.load(sys.stdin)
X = np.array(req["X"]).T
y = np.array(req["y"])
rows = np.array(req["rows"])
Xt = X[rows]
mean, sd = Xt.mean(axis=0), Xt.std(axis=0)
keep = sd > 1e-12
Z = (Xt[:, keep] - mean[keep]) / sd[keep]
b = np.linalg.solve(Z.T @ Z + req["lambda"] * np.eye(keep.sum()), Z.T @ (y[rows] - y[rows].mean()))
pred = y[rows].mean() + ((X[:, keep] - mean[keep]) / sd[keep]) @ b
print(json.dumps(pred.tolist()))
