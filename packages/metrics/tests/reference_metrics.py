"""Independent reference implementation (numpy + scipy) of the clvlab metrics
(docs/architecture.md §Metrics).

Reads JSON {"actual": [...], "predicted": [...], "labels": [...]?, "scores": [...]?} on stdin,
writes JSON with every metric on stdout. With `--predictions FILE` it reads a benchmark
predictions.csv (docs/architecture.md §Benchmark record: dataset, customer_id, model, seed,
predicted_value, repurchase_score, actual_value, actual_repurchase) and writes CSV
`dataset,model,seed,<metrics>` with one row per (dataset, model, seed), in first-seen order. Written from the definitions, not from the
TypeScript code: ties are handled by replacing each customer's actual and predicted value by
the mean over its block of tied predictions ("spread evenly"), after which the cumulative
value along the customer axis is the piecewise-linear interpolation of a cumsum, and every
ranking metric is read off it with np.interp. Used by the metrics tests; also usable on a
predictions.csv to check metrics.csv (issue 6: normalized Gini to 1e-9).
"""
import csv
import json
import sys

import numpy as np
from scipy import stats


def spread_by_ties(keys, values):
    """Sort by keys descending; replace values by their tie-block means (order-free)."""
    order = np.argsort(-keys, kind="stable")
    k, v = keys[order], values[order].astype(float)
    _, first, counts = np.unique(-k, return_index=True, return_counts=True)
    sums = np.add.reduceat(v, first)
    return np.repeat(sums / counts, counts)


def cumulative(keys, values):
    """x = 0..n and the cumulative tie-spread value at x (piecewise linear between integers)."""
    v = spread_by_ties(keys, values)
    return np.arange(len(v) + 1, dtype=float), np.concatenate([[0.0], np.cumsum(v)])


def gini_raw(actual, keys):
    x, c = cumulative(keys, actual)
    g = c / c[-1]
    area = np.sum((g[1:] + g[:-1]) / 2) / len(actual)  # trapezoid mean of G over [0, 1]
    return 2 * area - 1


def normalized_gini(actual, predicted):
    if actual.sum() == 0:
        return float("nan")
    ideal = gini_raw(actual, actual)
    return float("nan") if ideal == 0 else gini_raw(actual, predicted) / ideal


def capture(actual, predicted, fractions):
    x, c = cumulative(predicted, actual)
    return np.interp(np.asarray(fractions) * len(actual), x, c) / c[-1]


def decile_table(actual, predicted):
    n = len(actual)
    x, ca = cumulative(predicted, actual)
    _, cp = cumulative(predicted, predicted)
    cuts = np.arange(11) * n / 10
    sa, sp = np.diff(np.interp(cuts, x, ca)), np.diff(np.interp(cuts, x, cp))
    count = np.diff(cuts)
    return count, sp / count, sa / count


def decile_mape(actual, predicted):
    _, mp, ma = decile_table(actual, predicted)
    keep = ma != 0
    return float(np.mean(np.abs(mp[keep] - ma[keep]) / np.abs(ma[keep]))) if keep.any() else float("nan")


def auc(labels, scores):
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    u = stats.mannwhitneyu(pos, neg, alternative="two-sided", method="asymptotic").statistic
    return float(u / (len(pos) * len(neg)))


METRICS = ["normalized_gini", "spearman", "decile_mape", "top10_capture", "auc", "rmse", "mae", "calibration_ratio"]


def from_predictions_csv(path):
    """One metrics row per (dataset, model, seed) of a predictions.csv; blank score/label -> defaults."""
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups.setdefault((row["dataset"], row["model"], row["seed"]), []).append(row)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["dataset", "model", "seed"] + METRICS)
    for key, rows in groups.items():
        a = np.array([float(r["actual_value"]) for r in rows])
        p = np.array([float(r["predicted_value"]) for r in rows])
        s = np.array([float(r.get("repurchase_score") or r["predicted_value"]) for r in rows])
        y = np.array([float(r["actual_repurchase"]) if r.get("actual_repurchase") else float(v > 0) for r, v in zip(rows, a)])
        m = metrics(a, p, y, s)
        out.writerow(list(key) + [repr(float(m[k])) for k in METRICS])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--predictions":
        from_predictions_csv(sys.argv[2])
        return
    d = json.load(sys.stdin)
    a = np.asarray(d["actual"], dtype=float)
    p = np.asarray(d["predicted"], dtype=float)
    labels = np.asarray(d.get("labels", (a > 0).astype(float)), dtype=float)
    scores = np.asarray(d.get("scores", p), dtype=float)
    out = metrics(a, p, labels, scores)
    json.dump({k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in out.items()}, sys.stdout)


def metrics(a, p, labels, scores):
    count, mp, ma = decile_table(a, p)
    return {
        "normalized_gini": normalized_gini(a, p),
        "gini_raw": gini_raw(a, p),
        "spearman": float(stats.spearmanr(a, p).statistic),
        "decile_mape": decile_mape(a, p),
        "top10_capture": float(capture(a, p, [0.1])[0]),
        "auc": auc(labels, scores),
        "rmse": float(np.sqrt(np.mean((p - a) ** 2))),
        "mae": float(np.mean(np.abs(p - a))),
        "calibration_ratio": float(p.sum() / a.sum()),
        "rank_actual": stats.rankdata(a, method="average").tolist(),
        "decile_mean_predicted": mp.tolist(),
        "decile_mean_actual": ma.tolist(),
        "decile_count": count.tolist(),
        "gain": capture(a, p, np.linspace(0, 1, 101)).tolist(),
    }


if __name__ == "__main__":
    main()
