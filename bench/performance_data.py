"""Writes the performance-metrics bench's tables: a binary and a regression prediction log with
their labels, N joined rows each (CSV). Usage: python performance_data.py N OUT_DIR.

Labels come in shuffled order with a few ids the log does not have, as production's do."""

import os
import sys

import numpy as np
import pandas as pd

n = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(42)
start = np.datetime64("2026-11-01T00:00:00")
ids = np.arange(1, n + 1, dtype=np.int64) * 7 + 1000
t = start + (np.sort(rng.uniform(0, 86400 * 7, n)) * 1000).astype("timedelta64[ms]")
ts = pd.Series(t).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
lag = (rng.lognormal(np.log(6 * 3600), 1.0, n) * 1000).astype("timedelta64[ms]")
lt = pd.Series(t + lag).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
order = rng.permutation(n)
extra = 1000  # labels of ids no prediction has

score = np.round(rng.beta(2, 3, n), 4)
label = (rng.random(n) < score).astype(np.int8)
pd.DataFrame({"id": ids, "timestamp": ts, "prediction": (score >= 0.5).astype(np.int8), "score": score}).to_csv(
    os.path.join(out, "cls_predictions.csv"), index=False
)
pd.DataFrame(
    {
        "id": np.concatenate([ids[order], np.arange(extra) * 7 + 3]),
        "label": np.concatenate([label[order], np.zeros(extra, dtype=np.int8)]),
        "labelled_at": np.concatenate([lt.to_numpy()[order], np.full(extra, "2026-11-09T00:00:00Z")]),
    }
).to_csv(os.path.join(out, "cls_labels.csv"), index=False)

truth = np.round(rng.normal(100, 20, n), 3)
pred = np.round(truth + rng.normal(0, 8, n), 3)
pd.DataFrame({"id": ids, "timestamp": ts, "prediction": pred}).to_csv(os.path.join(out, "reg_predictions.csv"), index=False)
pd.DataFrame(
    {
        "id": np.concatenate([ids[order], np.arange(extra) * 7 + 3]),
        "label": np.concatenate([truth[order], np.zeros(extra)]),
        "labelled_at": np.concatenate([lt.to_numpy()[order], np.full(extra, "2026-11-09T00:00:00Z")]),
    }
).to_csv(os.path.join(out, "reg_labels.csv"), index=False)
