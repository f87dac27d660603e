"""Which spread test for the gate's `scale` check: false-alarm rate and power of scipy's
equal-spread tests on the series kinds of bench/gate-quality (normal, Student-t(3) scaled to
unit variance, a Beta(9,1) confidence score), reference 7x the current window, alpha = 0.05.

    python bench/gate_scale_choice.py [REPLICATES]

One JSON line per (series, n, case): case "same" (nothing changed: the false-alarm rate),
"variance_1.25" (current variance x 1.25 around the mean: power) and "shift_0.5sd" (a pure
location shift, which a spread test should not see). Columns: the rejection rate of each test.
Results are quoted in docs/gate.md ("The spread test").
"""

import json
import sys

import numpy as np
from scipy import stats

CONF_SD = np.sqrt(9 / (100 * 11))


def draw(rng, kind, n):
    """Standardised draws (mean 0, variance 1) of the series kind."""
    if kind == "normal":
        return rng.standard_normal(n)
    if kind == "heavy":
        return rng.standard_t(3, n) / np.sqrt(3)
    return (rng.beta(9, 1, n) - 0.9) / CONF_SD


def log_sd_z(cur, ref):
    """The former test: normal-theory z of ln(s1/s2)."""
    z = abs(np.log(cur.std() / ref.std())) / np.sqrt(1 / (2 * len(cur)) + 1 / (2 * len(ref)))
    return 2 * stats.norm.sf(z)


TESTS = {
    "brown_forsythe": lambda a, b: stats.levene(a, b, center="median").pvalue,
    "fligner_killeen": lambda a, b: stats.fligner(a, b).pvalue,
    "ansari_bradley": lambda a, b: stats.ansari(a, b).pvalue,
    "mood": lambda a, b: stats.mood(a, b).pvalue,
    "log_sd_z": log_sd_z,
}


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    rng = np.random.default_rng(7)
    for kind in ["normal", "heavy", "confidence"]:
        for n in [300, 1000]:
            for case in ["same", "variance_1.25", "shift_0.5sd"]:
                runs = reps if case == "same" else max(1, reps // 3)
                hits = dict.fromkeys(TESTS, 0)
                for _ in range(runs):
                    ref = draw(rng, kind, 7 * n)
                    cur = draw(rng, kind, n)
                    if case == "variance_1.25":
                        cur = cur * np.sqrt(1.25)
                    elif case == "shift_0.5sd":
                        cur = cur + 0.5
                    for name, test in TESTS.items():
                        hits[name] += test(cur, ref) < 0.05
                line = {"series": kind, "n": n, "case": case, "replicates": runs}
                line.update({k: round(v / runs, 3) for k, v in hits.items()})
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
