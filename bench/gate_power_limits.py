"""How much power the drift gate can have at n = 1000 (reference 7000) for a 0.1σ shift and a
variance × 1.25, given the false-alarm rate the goals allow. Prints the tables in docs/gate.md
"What is possible at n = 1000".

    python bench/gate_power_limits.py [REPLICATES]   # REPLICATES > 0 adds a Monte Carlo check

The goals: false retrain ≤ 1 % per run with the upper 95 % (Wilson) bound over R no-drift runs
≤ 1.5 %. The largest count k that keeps the bound under 1.5 % fixes the rate a rule may have
(k/R; the rule must pass in most cells, so its true rate must sit below that).

z of each test for a shift of the location by δ (series in units of its σ) or of the scale by
√1.25, with n current and m = 7n reference samples, s = √(1/n + 1/m):
- oracle (the likelihood ratio for a known shape): δ·√I / s, I the Fisher information per
  sample (location: 1 normal, (ν+1)/((ν+3)·σ_t²) = 2 for a unit-variance t(3); log-scale: 2
  normal, 2ν/(ν+3) = 1 for t(3)). Beta(9,1) has an end point at 1: a shift or a spread moves
  mass past it, the information is unbounded, and no finite limit exists — only the tests'.
- difference of means (Welch): δ / s.
- Mann–Whitney: AUC − ½ ≈ δ·∫f², null sd √(s²/12): z = √12·δ·∫f² / s.
- Brown–Forsythe on the log ratio of mean absolute deviations from the median: ln √1.25 / (CV·s),
  CV the coefficient of variation of |X − median|.
- the gate's auto band: alert when |value − mean| > c·ŝ, ŝ the sd of 40 draws
  (ŝ/σ ~ √(χ²₃₉/39)); its false alarm is P(|t₃₉|·√(1 + 1/40) > c).
"""

import math
import sys

import numpy as np
from scipy import integrate, stats

N, M = 1000, 7000
S = math.sqrt(1 / N + 1 / M)
SHIFT = 0.1
LOG_SCALE = 0.5 * math.log(1.25)
DRAWS = 40
NU = 3
T_SD = math.sqrt(NU / (NU - 2))
BETA = stats.beta(9, 1)
BETA_SD = BETA.std()


def wilson_upper(k, n, z=1.959964):
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (c + h) / d


def budget(reps):
    k = 0
    while wilson_upper(k + 1, reps) <= 0.015:
        k += 1
    return k


# unit-variance densities of the three numeric series kinds
DENSITIES = {
    "normal": (stats.norm(), -np.inf, np.inf, 0.0),
    "heavy": (stats.t(NU, scale=1 / T_SD), -np.inf, np.inf, 0.0),
    "confidence": (stats.beta(9, 1, loc=-BETA.mean() / BETA_SD, scale=1 / BETA_SD), None, None, None),
}


def int_f2(dist):
    lo, hi = dist.support()
    return integrate.quad(lambda x: dist.pdf(x) ** 2, lo, hi, limit=200)[0]


def absdev_cv(dist):
    med = dist.median()
    lo, hi = dist.support()
    m1 = integrate.quad(lambda x: abs(x - med) * dist.pdf(x), lo, hi, limit=200, points=[med] if np.isfinite(lo) else None)[0]
    m2 = integrate.quad(lambda x: (x - med) ** 2 * dist.pdf(x), lo, hi, limit=200)[0]
    return math.sqrt(m2 - m1 * m1) / m1


def power(z, a):
    c = stats.norm.isf(a / 2)
    return stats.norm.cdf(z - c) + stats.norm.cdf(-z - c)


def band_false_alarm(c, draws=DRAWS):
    return 2 * stats.t.sf(c / math.sqrt(1 + 1 / draws), draws - 1)


def band_power(z, c, draws=DRAWS):
    """E over the draws' sd estimate of P(|Z + z| > c·ŝ/σ)."""
    q = np.linspace(0.0005, 0.9995, 2000)
    r = np.sqrt(stats.chi2.ppf(q, draws - 1) / (draws - 1))
    return float(np.mean(stats.norm.cdf(z - c * r) + stats.norm.cdf(-z - c * r)))


def band_level(a, draws=DRAWS):
    """The c whose band has two-sided false alarm a."""
    return stats.t.isf(a / 2, draws - 1) * math.sqrt(1 + 1 / draws)


def zs():
    out = {}
    for kind, (dist, *_r) in DENSITIES.items():
        f2 = int_f2(dist)
        cv = absdev_cv(dist)
        kurt = float(dist.stats(moments="k")) + 3
        loc_oracle = {"normal": 1.0, "heavy": (NU + 1) / ((NU + 3) * (1 / T_SD) ** 2)}.get(kind)
        scale_oracle = {"normal": 2.0, "heavy": 2 * NU / (NU + 3)}.get(kind)
        out[kind] = {
            "shift": {
                "oracle": SHIFT * math.sqrt(loc_oracle) / S if loc_oracle else math.inf,
                "mean (Welch)": SHIFT / S,
                "Mann-Whitney": math.sqrt(12) * SHIFT * f2 / S,
            },
            "variance_1.25": {
                "oracle": LOG_SCALE * math.sqrt(scale_oracle) / S if scale_oracle else math.inf,
                "log sd (F, needs normal tails)": (
                    LOG_SCALE / (math.sqrt((kurt - 1) / 4) * S) if math.isfinite(kurt) else 0.0
                ),
                "Brown-Forsythe": LOG_SCALE / (cv * S),
            },
        }
    return out


def simulate(reps, seed=7):
    """Monte Carlo check of the z's: rejection rate at two-sided 0.5 % of MW and BF."""
    rng = np.random.default_rng(seed)
    draw = {
        "normal": lambda k: rng.standard_normal(k),
        "heavy": lambda k: rng.standard_t(NU, k) / T_SD,
        "confidence": lambda k: (rng.beta(9, 1, k) - BETA.mean()) / BETA_SD,
    }
    res = {}
    for kind, g in draw.items():
        mw = bf = 0
        for _ in range(reps):
            ref, cur = g(M), g(N) + SHIFT
            mw += stats.mannwhitneyu(cur, ref, method="asymptotic").pvalue < 0.005
            cur2 = g(N) * math.sqrt(1.25)
            bf += stats.levene(cur2, ref, center="median").pvalue < 0.005
        res[kind] = (mw / reps, bf / reps)
    return res


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    print("## false-alarm budget (upper 95 % Wilson bound ≤ 1.5 %)")
    for r in (350, 500, 1000):
        k = budget(r)
        print(f"{r} no-drift runs: at most {k} false retrains ({k / r:.2%}, bound {wilson_upper(k, r):.2%})")
    print("\n## the gate's band (40 draws): per-check two-sided false alarm")
    for c in (3.0, 3.5):
        print(f"c = {c}: {band_false_alarm(c):.3%}")
    for a in (0.001, 0.0015, 0.003, 0.005):
        print(f"false alarm {a:.2%}: c = {band_level(a):.2f} (known sd: {stats.norm.isf(a / 2):.2f})")
    a35 = band_false_alarm(3.5)
    c120 = band_level(a35, 120)
    print(f"same false alarm ({a35:.3%}) with 120 draws: c = {c120:.2f}")
    print("\n## z and power at n = 1000 (reference 7000)")
    print("| series | change | test | z | known null, 0.3 % | 0.5 % | 1 % | auto band 3.5, 40 draws | same rate, 120 draws |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, changes in zs().items():
        for change, tests in changes.items():
            for test, z in tests.items():
                if z == 0:
                    print(f"| {kind} | {change} | {test} | none (infinite kurtosis) | | | | | |")
                    continue
                if math.isinf(z):
                    print(f"| {kind} | {change} | {test} | unbounded (end point at 1) | 100 % | 100 % | 100 % | | |")
                    continue
                row = [power(z, a) for a in (0.003, 0.005, 0.01)] + [band_power(z, 3.5), band_power(z, c120, 120)]
                print(f"| {kind} | {change} | {test} | {z:.2f} | " + " | ".join(f"{p:.0%}" for p in row) + " |")
    if reps:
        print(f"\n## Monte Carlo, {reps} runs: rejection at two-sided 0.5 % (Mann–Whitney on 0.1σ, Brown–Forsythe on ×1.25)")
        for kind, (mw, bf) in simulate(reps).items():
            print(f"{kind}: Mann–Whitney {mw:.1%}, Brown–Forsythe {bf:.1%}")


if __name__ == "__main__":
    main()
