"""The performance-metrics bench's peer: pandas reads and merges the prediction logs with their
labels, scikit-learn computes every metric. Prints one JSON object: seconds, peak RSS (MiB) and
the metric values. Usage: python performance_peer.py DIR."""

import json
import os
import resource
import sys
import time
import warnings

import pandas as pd
from sklearn import metrics as M

warnings.simplefilter("ignore")
d = sys.argv[1]
t0 = time.perf_counter()
values = {}


def joined(kind):
    p = pd.read_csv(os.path.join(d, f"{kind}_predictions.csv"))
    p["timestamp"] = pd.to_datetime(p["timestamp"], format="ISO8601")
    lab = pd.read_csv(os.path.join(d, f"{kind}_labels.csv"))
    lab["labelled_at"] = pd.to_datetime(lab["labelled_at"], format="ISO8601")
    # The latest label of an id counts, as in the action.
    lab = lab.sort_values("labelled_at", kind="stable").drop_duplicates("id", keep="last")
    return p.merge(lab, on="id", how="inner")


c = joined("cls")
y, pred, s = c["label"].to_numpy(), c["prediction"].to_numpy(), c["score"].to_numpy()
values["accuracy"] = M.accuracy_score(y, pred)
values["balanced_accuracy"] = M.balanced_accuracy_score(y, pred)
for kind, fn in (("precision", M.precision_score), ("recall", M.recall_score), ("f1", M.f1_score)):
    values[kind] = fn(y, pred, average="binary", zero_division=0)
    for avg in ("macro", "weighted"):
        values[f"{kind}_{avg}"] = fn(y, pred, average=avg, zero_division=0)
values["roc_auc"] = M.roc_auc_score(y, s)
values["average_precision"] = M.average_precision_score(y, s)
values["log_loss"] = M.log_loss(y, s, labels=[0, 1])
values["brier"] = M.brier_score_loss(y, s, labels=[0, 1])
r = joined("reg")
yt, yp = r["label"].to_numpy(), r["prediction"].to_numpy()
values["mae"] = M.mean_absolute_error(yt, yp)
values["rmse"] = M.root_mean_squared_error(yt, yp)
values["mape"] = M.mean_absolute_percentage_error(yt, yp)
values["r2"] = M.r2_score(yt, yp)
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss, "rows": int(len(c)), "values": {k: float(v) for k, v in values.items()}}))
