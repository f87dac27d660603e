"""scipy side of bench/gate.bench.ts: same data as the drift reference (seed 42: reference
N(0,1), current N(0,1)*1.05 + 0.05), written as raw float64 for the TypeScript side, then the
requested statistics timed (best of --repeats, sorting and binning included).

    python bench/gate_peer.py --n 1000000 --stats ks,wasserstein,psi --out DIR
Prints one JSON object: {"n", "files": {...}, "stats": {name: {"best_s", "value", "pvalue"?}}}.
"""

import argparse
import json
import os
import time

import numpy as np
from scipy import stats

PSI_EPS = 1e-4


def generate(n, seed):
    rng = np.random.default_rng(seed)
    ref = rng.standard_normal(n)
    cur = rng.standard_normal(n) * 1.05 + 0.05
    return ref, cur


def psi_quantile(ref, cur, n_bins=10):
    edges = np.quantile(ref, np.arange(1, n_bins, dtype=np.float64) / n_bins)
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    rp = np.maximum(r / ref.size, PSI_EPS)
    cp = np.maximum(c / cur.size, PSI_EPS)
    return {"value": float(np.sum((cp - rp) * np.log(cp / rp)))}


def ks(ref, cur):
    res = stats.ks_2samp(ref, cur)
    return {"value": float(res.statistic), "pvalue": float(res.pvalue)}


def wasserstein(ref, cur):
    return {"value": float(stats.wasserstein_distance(ref, cur))}


JOBS = {"ks": ks, "wasserstein": wasserstein, "psi": psi_quantile}


def best_of(fn, repeats):
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--stats", default="ks,wasserstein,psi")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    ref, cur = generate(args.n, args.seed)
    os.makedirs(args.out, exist_ok=True)
    files = {}
    for name, arr in (("ref", ref), ("cur", cur)):
        path = os.path.join(args.out, f"{name}.f64")
        arr.astype("<f8").tofile(path)
        files[name] = path
    result = {"n": args.n, "files": files, "stats": {}}
    for name in [s for s in args.stats.split(",") if s]:
        out, best = best_of(lambda: JOBS[name](ref, cur), args.repeats)
        result["stats"][name] = {"best_s": best, **out}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
