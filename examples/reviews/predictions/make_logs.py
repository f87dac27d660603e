"""Writes the example's prediction logs and late labels (gzipped CSV), seeded and stable.

    python examples/reviews/predictions/make_logs.py

healthy/: the model is right 90 % of the time on every day.
dropped/: the same until the last day, when accuracy falls to 83 % (a real performance drop).

Predictions cover 2026-11-11 to 2026-11-20 (the example's metrics files span the same days).
Labels arrive hours to days after the prediction (log-normal lag, median 6 h); only labels known
by 2026-11-20T00:00Z are written, so the last day is partly labelled, as in production. A few
ids are labelled twice (a correction), a few labels name no logged prediction.
"""

import gzip
import os
from datetime import datetime, timedelta, timezone

import numpy as np

START = datetime(2026, 11, 11, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 20, tzinfo=timezone.utc)
PER_DAY = 1000
COUNTRIES = ["de", "fr", "it", "es"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def write(folder, last_day_accuracy, seed):
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    preds, labels = [], []
    ident = 100000
    for day in range(9):
        accuracy = last_day_accuracy if day == 8 else 0.90
        for _ in range(PER_DAY):
            ident += 1
            t = START + timedelta(days=day, seconds=float(rng.uniform(0, 86400)))
            truth = int(rng.random() < 0.35)
            right = rng.random() < accuracy
            pred = truth if right else 1 - truth
            # A score on the predicted side of 0.5, more confident when right.
            conf = rng.beta(8, 2) if right else rng.beta(3, 3)
            score = 0.5 + conf / 2 if pred == 1 else 0.5 - conf / 2
            country = COUNTRIES[int(rng.integers(0, 4))]
            preds.append((t, f"{ident},{iso(t)},{pred},{score:.4f},{country}"))
            if rng.random() < 0.95:
                known = t + timedelta(hours=float(rng.lognormal(np.log(6), 1.0)))
                if known < NOW:
                    labels.append((known, f"{ident},{truth},{iso(known)}"))
                    if rng.random() < 0.01:  # a correction a day later, same value or not
                        fixed = truth if rng.random() < 0.5 else 1 - truth
                        if known + timedelta(days=1) < NOW:
                            labels.append((known + timedelta(days=1), f"{ident},{fixed},{iso(known + timedelta(days=1))}"))
    for k in range(5):  # labels for ids the log never had
        labels.append((NOW - timedelta(hours=k + 1), f"{999000 + k},0,{iso(NOW - timedelta(hours=k + 1))}"))
    preds.sort()
    labels.sort()
    with gzip.open(os.path.join(folder, "predictions.csv.gz"), "wt", compresslevel=9) as f:
        f.write("id,timestamp,prediction,score,country\n")
        f.write("\n".join(row for _, row in preds) + "\n")
    with gzip.open(os.path.join(folder, "labels.csv.gz"), "wt", compresslevel=9) as f:
        f.write("id,label,labelled_at\n")
        f.write("\n".join(row for _, row in labels) + "\n")


here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "healthy"), 0.90, 1)
write(os.path.join(here, "dropped"), 0.83, 1)
