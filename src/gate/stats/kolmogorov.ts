/**
 * The finite-n two-sided Kolmogorov distribution, survival function Pr(D_n > x): a port of
 * scipy.stats.kstwo.sf (scipy/stats/_ksstats.py, Simard & L'Ecuyer 2011) and of the one-sided
 * Smirnov sum it uses (xsf/cephes/kolmogorov.h). ks_2samp's asymptotic p-value is
 * kstwoSf(round(n1·n2/(n1+n2)), D), so porting this (not the limiting Kolmogorov series,
 * which is 3–13 % off at typical sizes) is what makes p agree with scipy.
 *
 * Where we differ in arithmetic: cephes sums the Smirnov series in double-double; we sum it
 * in log space (log-sum-exp) with the bases computed from the exact split n·x = ⌊nx⌋ + α,
 * which keeps every term to about n·ε relative (≤ 1e-10 for n ≤ 1e6) and never underflows.
 */

const MINLOG = -708.3964185322641; // log(2^-1022), cephes' MINLOG
const EPS = 2.220446049250313e-16;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** Exact n·x as hi + lo (Dekker's two-product), so ⌊n·x⌋ and its remainder are exact. */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const split = (v: number): [number, number] => {
    const c = 134217729 * v; // 2^27 + 1
    const hi = c - (c - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** ⌊n·x⌋ and the fractional part α ∈ [0, 1), exactly (cephes modNX). */
function modNX(n: number, x: number): { fl: number; alpha: number } {
  const [hi, lo] = twoProd(n, x);
  let fl = Math.floor(hi);
  let alpha = hi - fl + lo;
  if (alpha < 0) {
    fl -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    fl += 1;
    alpha = 0;
  }
  return { fl, alpha };
}

/** One-sided Smirnov survival function Pr(D_n^+ ≥ x) (scipy.special.smirnov). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { fl: nxfl, alpha } = modNX(n, x);
  const nx = n * x;
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  if (alpha === 0) n1mxfl -= 1;
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x ≤ 1/n: cdf = x (1 + x)^(n-1)
    return clip01(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * nx + 1, 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // Lower sum (Birnbaum–Tingey): sf = x Σ_{v=0}^{n1mxfl} C(n,v) (1-x-v/n)^(n-v) (x+v/n)^(v-1),
  // all terms positive; summed as exp(M)·s with a running maximum M.
  const nTerms = n1mxfl + 1;
  if (nTerms >= STRIDED_MIN_TERMS) {
    const logSum = smirnovLogSumStrided(n, x, nxfl, alpha, nTerms);
    if (logSum === logSum) return clip01(Math.exp(Math.log(x) + logSum));
  }
  const vmid = Math.floor(n / 2);
  let logA = n * Math.log1p(-x) - Math.log(x); // v = 0: (1-x)^n / x
  let m = logA;
  let s = 1;
  // log C(n, v) grows to ~n: accumulate it compensated, or its rounding (ulp(3e5) ≈ 6e-11 per
  // step) would add up to ~1e-8 over the few hundred thousand terms large windows need.
  let logC = 0;
  let logCc = 0;
  const logEps = Math.log(EPS);
  // The early exit needs log(4·(nTerms − v)) + logA < logEps + m + log(s); with s ≤ nTerms it
  // cannot hold while logA ≥ logEps + m + log(nTerms) (+1 for rounding), so the two logs of
  // the test are skipped there: the same terms are summed, the same exit taken, 2 of 6 logs saved.
  const exitSlack = logEps + Math.log(nTerms) + 1;
  for (let v = 1; v < nTerms; v++) {
    const inc = Math.log((n - v + 1) / v);
    const t = logC + inc;
    logCc += Math.abs(logC) >= Math.abs(inc) ? logC - t + inc : inc - t + logC;
    logC = t;
    const up = (nxfl + v + alpha) / n; // x + v/n
    const down = (n - v - nxfl - alpha) / n; // 1 - x - v/n
    const logDown = up < 0.5 ? Math.log1p(-up) : Math.log(down);
    logA = logC + ((n - v) * logDown + (v - 1) * Math.log(up) + logCc);
    if (logA > -745) {
      if (logA > m) {
        s = s * Math.exp(m - logA) + 1;
        m = logA;
      } else {
        s += Math.exp(logA - m);
      }
      // Same early exit as cephes: the rest cannot move the sum by an ulp.
      if (
        logA < m + exitSlack &&
        Math.log(4 * (nTerms - v)) + logA < logEps + m + Math.log(s) &&
        v !== nTerms - 1
      )
        break;
    } else if (v > vmid) {
      break;
    }
  }
  return clip01(Math.exp(Math.log(x) + m + Math.log(s)));
}

/** Below this many terms the series is summed term by term. */
const STRIDED_MIN_TERMS = 20_000;
const STRIDE = 16;
/** Terms this far (in log) below the largest cannot move a double sum of up to 1e6 terms. */
const NEGLIGIBLE = 60;

/**
 * log Σ_v A(v) of smirnovSf's lower sum from every STRIDE-th term, or NaN when that is not
 * safe. Over large n the terms A(v) are a smooth function of v that varies over thousands of
 * terms and is negligible at both ends of the range, so by Poisson summation the trapezoid
 * sum STRIDE·Σ_k A(k·STRIDE) equals the sum over every v to far below double precision
 * (its error is the function's Fourier transform at frequency 1/STRIDE). The estimate is
 * checked against the one from every second sample (spacing 2·STRIDE): they must agree to
 * 1e-12, or the caller sums term by term. log C(n, v) is carried across each stride as one
 * log of a product of ratios (compensated, like the term-by-term sum).
 */
function smirnovLogSumStrided(
  n: number,
  x: number,
  nxfl: number,
  alpha: number,
  nTerms: number,
): number {
  const logA0 = n * Math.log1p(-x) - Math.log(x); // v = 0
  let m = logA0;
  let all = 1; // Σ exp(logA − m) over the samples, and over every second sample
  let even = 1;
  let logC = 0;
  let logCc = 0;
  let k = 0;
  let last = logA0;
  let v = 0;
  for (v = STRIDE; v < nTerms; v += STRIDE) {
    let num = 1;
    let den = 1;
    for (let u = v - STRIDE + 1; u <= v; u++) {
      num *= n - u + 1;
      den *= u;
    }
    const inc = Math.log(num / den);
    const t = logC + inc;
    logCc += Math.abs(logC) >= Math.abs(inc) ? logC - t + inc : inc - t + logC;
    logC = t;
    const up = (nxfl + v + alpha) / n;
    const down = (n - v - nxfl - alpha) / n;
    const logDown = up < 0.5 ? Math.log1p(-up) : Math.log(down);
    const logA = logC + ((n - v) * logDown + (v - 1) * Math.log(up) + logCc);
    k++;
    if (logA > m) {
      const r = Math.exp(m - logA);
      all = all * r + 1;
      even *= r;
      if ((k & 1) === 0) even += 1;
      m = logA;
    } else {
      const e = Math.exp(logA - m);
      all += e;
      if ((k & 1) === 0) even += e;
    }
    // past the peak and negligible: the rest only falls (the terms are unimodal in v)
    const falling = logA < last;
    last = logA;
    if (falling && logA < m - NEGLIGIBLE) break;
  }
  // both ends must be negligible, or the trapezoid sum would need end corrections
  if (!(last < m - NEGLIGIBLE && logA0 < m - NEGLIGIBLE)) return NaN;
  const fine = STRIDE * all;
  const coarse = 2 * STRIDE * even;
  if (!(Math.abs(fine - coarse) <= 1e-12 * fine)) return NaN;
  return m + Math.log(fine);
}

function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  const t = rn / n;
  for (const c of STIRLING) poly = poly * t + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Durbin matrix (Marsaglia–Tsang–Wang): Pr(D_n ≤ d). */
function kolmognDMTW(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - Math.pow(h, j)) * fac;
  }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)] as number;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] as number;
  let P: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      P = matmul(P, H, m);
      expnt += hexpnt;
    }
    H = matmul(H, H, m);
    hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)] as number) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] as number) / EP128;
      hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = P[(k - 1) * m + (k - 1)] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = p * Math.pow(2, expnt);
  return clip01(p);
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++)
        out[i * m + j] = (out[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return out;
}

function pomeranzJ1J2(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pomeranz recursion: Pr(D_n ≤ x). */
function kolmognPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  let expnt = 0;
  const gn = g / n;
  const g2n = (2 * g) / n;
  const om2gn = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = ((gpower[m - 1] as number) * gn) / m;
    twogpower[m] = ((twogpower[m - 1] as number) * g2n) / m;
    onem2gpower[m] = ((onem2gpower[m - 1] as number) * om2gn) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      const base = k1 - V0s;
      let max = -Infinity;
      for (let c = 0; c < convLen; c++) {
        const tIdx = convStart + c;
        let sum = 0;
        // conv[t] = Σ_a V0[base + a] · pwrs[t - a], 0 ≤ a, t - a < ln2
        for (let a = Math.max(0, tIdx - ln2 + 1); a <= Math.min(tIdx, ln2 - 1); a++) {
          sum += (V0[base + a] as number) * (pwrs[tIdx - a] as number);
        }
        V1[c] = sum;
        if (sum > max) max = sum;
      }
      if (max > 0 && max < EM128) {
        for (let c = 0; c < V1.length; c++) V1[c] = (V1[c] as number) * EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ans * Math.pow(2, expnt);
  return clip01(ans);
}

/** Pelz–Good asymptotic expansion: Pr(D_n ≤ x). */
function kolmognPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = Math.pow(q, 8 * k);
    const coeffs = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qp + (coeffs[i] as number);
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (div[i] as number);
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = Math.pow(q, k2);
    const kspi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
  }
  K[2] = (K[2] as number) + (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] = (K[3] as number) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / Math.pow(n, i / 2);
  return sum;
}

/** Pr(D_n > x) for the two-sided one-sample statistic (scipy.stats.kstwo.sf(x, n)). */
export function kstwoSf(n: number, x: number): number {
  if (!(n >= 1) || Math.floor(n) !== n || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip01(1 - kolmognDMTW(n, x));
    if (nx2 <= 4) return clip01(1 - kolmognPomeranz(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip01(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) cdf = kolmognDMTW(n, x);
  else cdf = kolmognPelzGood(n, x);
  return clip01(1 - clip01(cdf));
}
