"""Peer side of `npm run bench -- scale`: the way a Python user computes the drift check set
today. The reference window (the 7 days before the last) and the current window (the last
day) are read into numpy — by DuckDB, or by pyarrow's dataset reader — and scipy computes KS
(ks_2samp), Wasserstein (wasserstein_distance, divided by the reference's population std) and
PSI (reference-decile bins, proportions floored at 1e-4) for each numeric column.

    python bench/scale_peer.py --data DIR --reader duckdb|pyarrow [--s3 URL --bucket B --prefix P]
Prints one JSON object: wall and CPU seconds, peak RSS, rows, and each statistic's value.
On S3, DuckDB (whose httpfs extension is not in the local index) reads through pyarrow's S3
filesystem; the scan, filter and conversion to numpy are still DuckDB's.
"""

import argparse
import datetime as dt
import json
import os
import resource
import time

import numpy as np
from scipy import stats

COLUMNS = ["score", "feature_a", "feature_b"]
PSI_EPS = 1e-4


def psi(ref, cur, n_bins=10):
    edges = np.quantile(ref, np.arange(1, n_bins, dtype=np.float64) / n_bins)
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    rp = np.maximum(r / ref.size, PSI_EPS)
    cp = np.maximum(c / cur.size, PSI_EPS)
    return float(np.sum((cp - rp) * np.log(cp / rp)))


def last_day(args):
    if args.last:
        return args.last
    return sorted(d[3:] for d in os.listdir(args.data) if d.startswith("dt="))[-1]


def windows(last_iso):
    last = dt.date.fromisoformat(last_iso)
    cur = (last, last + dt.timedelta(days=1))
    ref = (last - dt.timedelta(days=7), last)
    return ref, cur


def dataset(args):
    import pyarrow.dataset as ds

    if args.s3:
        from pyarrow import fs

        s3 = fs.S3FileSystem(
            endpoint_override=args.s3,
            access_key="testing",
            secret_key="testing",
            region="us-east-1",
            scheme="http",
            # moto answers slowly on a busy machine: wait rather than fail the peer
            connect_timeout=60,
            request_timeout=600,
        )
        return ds.dataset(f"{args.bucket}/{args.prefix}", filesystem=s3, format="parquet", partitioning="hive")
    return ds.dataset(args.data, format="parquet", partitioning="hive")


def read_duckdb(args, lo, hi):
    import duckdb

    con = duckdb.connect()
    cols = ", ".join(COLUMNS)
    where = f"ts >= TIMESTAMP '{lo.isoformat()}' AND ts < TIMESTAMP '{hi.isoformat()}'"
    if args.s3:
        con.register("logs", dataset(args))
        res = con.execute(f"SELECT {cols} FROM logs WHERE {where}").fetchnumpy()
    else:
        glob = os.path.join(args.data, "*", "*.parquet")
        res = con.execute(
            f"SELECT {cols} FROM read_parquet('{glob}', hive_partitioning = true) WHERE {where}"
        ).fetchnumpy()
    return {c: np.asarray(res[c], dtype=np.float64) for c in COLUMNS}


def read_pyarrow(args, lo, hi):
    import pyarrow as pa
    import pyarrow.dataset as ds

    d = dataset(args)
    ts = ds.field("ts")
    flt = (ts >= pa.scalar(dt.datetime.combine(lo, dt.time()), pa.timestamp("us"))) & (
        ts < pa.scalar(dt.datetime.combine(hi, dt.time()), pa.timestamp("us"))
    )
    # the partition key prunes files; the ts filter cuts rows
    dflt = (ds.field("dt") >= lo.isoformat()) & (ds.field("dt") < hi.isoformat())
    try:
        table = d.to_table(columns=COLUMNS, filter=flt & dflt)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError):
        table = d.to_table(columns=COLUMNS, filter=flt)
    return {c: table.column(c).to_numpy() for c in COLUMNS}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--reader", choices=["duckdb", "pyarrow"], required=True)
    ap.add_argument("--s3")
    ap.add_argument("--bucket")
    ap.add_argument("--prefix")
    ap.add_argument("--last", help="the last day (YYYY-MM-DD); read from --data's folders if omitted")
    args = ap.parse_args()
    (rlo, rhi), (clo, chi) = windows(last_day(args))
    read = read_duckdb if args.reader == "duckdb" else read_pyarrow
    t0 = time.perf_counter()
    c0 = time.process_time()
    ref = read(args, rlo, rhi)
    cur = read(args, clo, chi)
    t_read = time.perf_counter() - t0
    out = {}
    for col in COLUMNS:
        r, c = ref[col], cur[col]
        ks = stats.ks_2samp(r, c)
        w = stats.wasserstein_distance(r, c)
        out[col] = {
            "ks_d": float(ks.statistic),
            "ks_p": float(ks.pvalue),
            "wasserstein_normed": float(w / max(np.std(r), 0.001)),
            "psi": psi(r, c),
        }
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(
        json.dumps(
            {
                "reader": args.reader,
                "wall_s": wall,
                "read_s": t_read,
                "cpu_s": cpu,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rows": {"reference": int(ref[COLUMNS[0]].size), "current": int(cur[COLUMNS[0]].size)},
                "stats": out,
            }
        )
    )


if __name__ == "__main__":
    main()
