"""Independent reference (numpy + scipy) for the decisions linear probe (src/linear-probe.ts,
src/ridge-fit.ts), written from their header definitions, not from the TypeScript code.

Reads a JSON list of cases {"features": [...] (rows*d, row-major), "d", "target", "train",
"test", "lambda", "kind"} on stdin (one process for all: scipy's import is the slow part);
writes a JSON list of {"intercept", "coef", "predictions", "normalized_gini", "auc"}.
Ridge: standardise the train rows (mean, population sd), minimise
(1/n)||y - b0 - Z beta||^2 + lambda ||beta||^2 by np.linalg.solve on (Z'Z/n + lambda I),
target log1p(value) for kind "value". Normalized Gini: the tie-spread gain curve (each block of
tied predictions replaced by its mean actual), trapezoid area, raw = 2 area - 1, divided by the
raw Gini of the ordering by actual. AUC: Mann-Whitney U from scipy's average ranks.
"""
import json
import sys

import numpy as np
from scipy import stats


def gini_raw(actual, keys):
    order = np.argsort(-keys, kind="stable")
    k, v = keys[order], actual[order].astype(float)
    _, first, counts = np.unique(-k, return_index=True, return_counts=True)
    spread = np.repeat(np.add.reduceat(v, first) / counts, counts)
    g = np.concatenate([[0.0], np.cumsum(spread)]) / v.sum()
    return 2 * np.mean((g[1:] + g[:-1]) / 2) - 1


def normalized_gini(actual, predicted):
    if actual.sum() == 0:
        return None
    ideal = gini_raw(actual, actual)
    return None if ideal == 0 else float(gini_raw(actual, predicted) / ideal)


def auc(labels, scores):
    pos = labels == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return None
    ranks = stats.rankdata(scores)
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def probe(c):
    d = c["d"]
    X = np.asarray(c["features"], dtype=float).reshape(-1, d)
    target = np.asarray(c["target"], dtype=float)
    train, test = np.asarray(c["train"]), np.asarray(c["test"])
    y = np.log1p(target) if c["kind"] == "value" else target
    Xt, yt = X[train], y[train]
    mean, sd = Xt.mean(axis=0), Xt.std(axis=0)
    keep = sd**2 > 1e-12 * mean**2
    Z = (Xt[:, keep] - mean[keep]) / sd[keep]
    n = len(train)
    beta = np.linalg.solve(Z.T @ Z / n + c["lambda"] * np.eye(keep.sum()), Z.T @ (yt - yt.mean()) / n)
    coef = np.zeros(d)
    coef[keep] = beta / sd[keep]
    intercept = yt.mean() - coef @ mean
    pred = intercept + X[test] @ coef
    return {
        "intercept": float(intercept),
        "coef": coef.tolist(),
        "predictions": pred.tolist(),
        "normalized_gini": normalized_gini(target[test], pred),
        "auc": auc((target[test] > 0).astype(int), pred),
    }


json.dump([probe(c) for c in json.load(sys.stdin)], sys.stdout)
