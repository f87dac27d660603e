"""Writes the demo's production metrics: per-prediction model confidence over nine days.

healthy.csv  the model keeps its usual confidence (about 0.92, what the reviews model
             reports on its own holdout) for the whole period.
drifted.csv  the same for eight days, then during the last ~30 hours a growing share of
             traffic uses new products and slang (generate.py --drift); on those reviews the
             old model's confidence is about 0.48, so the last day's mean sinks to about
             0.64, under the demo's alert threshold (0.7).

Wide CSV `timestamp,confidence`, ISO-8601 UTC timestamps, one row per prediction, arrivals
following a daily traffic cycle. Deterministic for a seed:

    python make_metrics.py [--seed 42] [--out-dir .]
"""

from __future__ import annotations

import argparse
import math
import os
import random
from datetime import datetime, timedelta, timezone

END = datetime(2026, 11, 20, tzinfo=timezone.utc)
DAYS = 9
MEAN_GAP_S = 240.0  # one prediction every 4 minutes on average
HEALTHY_MEAN, DRIFTED_MEAN = 0.92, 0.48
CONCENTRATION = 20.0  # Beta(a, b) with a + b = 20: spread about 0.06 around the mean
MIN_CONFIDENCE = 1 / 6  # six classes: an argmax probability is never below 1/6


def beta_around(rng: random.Random, mean: float) -> float:
    value = rng.betavariate(mean * CONCENTRATION, (1 - mean) * CONCENTRATION)
    return max(MIN_CONFIDENCE, value)


def drift_share(hours_before_end: float) -> float:
    """Share of drifted traffic: none until 30 h before the end, 70% from 12 h before."""
    if hours_before_end >= 30:
        return 0.0
    if hours_before_end <= 12:
        return 0.7
    return 0.7 * (30 - hours_before_end) / 18


def series(seed: int, drifted: bool) -> list[tuple[datetime, float]]:
    rng = random.Random(f"metrics:{seed}:{int(drifted)}")
    t = END - timedelta(days=DAYS)
    rows = []
    while True:
        # Busier by day, quieter at night (peak at 14:00 UTC).
        hour = t.hour + t.minute / 60
        rate = 1 + 0.6 * math.cos((hour - 14) / 24 * 2 * math.pi)
        t += timedelta(seconds=rng.expovariate(rate / MEAN_GAP_S))
        if t >= END:
            return rows
        hours_left = (END - t).total_seconds() / 3600
        share = drift_share(hours_left) if drifted else 0.0
        mean = DRIFTED_MEAN if rng.random() < share else HEALTHY_MEAN
        rows.append((t, beta_around(rng, mean)))


def write(path: str, rows: list[tuple[datetime, float]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("timestamp,confidence\n")
        for t, v in rows:
            f.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{v:.4f}\n")


def main() -> None:
    p = argparse.ArgumentParser(description="Writes healthy.csv and drifted.csv.")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    args = p.parse_args()
    for name, drifted in (("healthy", False), ("drifted", True)):
        rows = series(args.seed, drifted)
        write(os.path.join(args.out_dir, f"{name}.csv"), rows)
        last_day = [v for t, v in rows if t >= END - timedelta(days=1)]
        print(f"{name}.csv: {len(rows)} rows, last day {len(last_day)} rows, "
              f"mean {sum(last_day) / len(last_day):.3f}")


if __name__ == "__main__":
    main()
