"""Synthetic prediction log for `npm run bench -- scale`, written once with DuckDB into a cache
folder outside git: Parquet (snappy, ~1M-row row groups), one partition per day
(`dt=YYYY-MM-DD/`), columns ts (timestamp, µs), score, feature_a, feature_b (double) and
category (string). The last day drifts a little (score +0.02, feature_b ×1.03) so the
statistics are not all zero.

    python bench/scale_data.py --rows 10000000 --days 8 --out DIR
Skips the work when DIR/_done exists with the same arguments; prints DIR.
"""

import argparse
import json
import os
import shutil

import duckdb

START = "2026-11-01"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--days", type=int, default=8)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=float, default=0.42)
    args = ap.parse_args()
    done = os.path.join(args.out, "_done")
    want = {"rows": args.rows, "days": args.days, "seed": args.seed, "start": START}
    if os.path.exists(done):
        with open(done) as f:
            if json.load(f) == want:
                print(args.out)
                return
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"SELECT setseed({args.seed})")
    per_day = args.rows // args.days
    span_us = 86_400_000_000
    for d in range(args.days):
        last = d == args.days - 1
        shift = 0.02 if last else 0.0
        scale = 1.03 if last else 1.0
        day = con.execute(f"SELECT (DATE '{START}' + INTERVAL {d} DAY)::DATE").fetchone()[0]
        part = os.path.join(args.out, f"dt={day.isoformat()}")
        os.makedirs(part)
        # Box–Muller normals from DuckDB's seeded uniform random().
        con.execute(
            f"""
            COPY (
              SELECT
                TIMESTAMP '{day.isoformat()}' + to_microseconds(((i * {span_us}) // {per_day})::BIGINT) AS ts,
                1 / (1 + exp(-(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + {shift}))) AS score,
                sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) * 2 + 10 AS feature_a,
                (sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) * {scale} AS feature_b,
                'c' || CAST(floor(pow(random(), 2) * 12) AS INTEGER) AS category
              FROM range({per_day}) t(i)
            ) TO '{part}/part-0000.parquet'
            (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)
            """
        )
    with open(done, "w") as f:
        json.dump(want, f)
    print(args.out)


if __name__ == "__main__":
    main()
