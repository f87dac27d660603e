import { logGamma } from './gamma.js';

/**
 * Regularized incomplete beta I_x(a, b), by the continued fraction of Numerical Recipes
 * (modified Lentz), on the side where it converges fast; the prefactor x^a (1−x)^b / B(a, b)
 * is taken in log space so small tail probabilities keep their relative precision.
 */
export function betaInc(a: number, b: number, x: number): number {
  if (Number.isNaN(x) || a <= 0 || b <= 0) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logPre = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2))
    return Math.exp(logPre + Math.log(fraction(a, b, x)) - Math.log(a));
  return 1 - Math.exp(logPre + Math.log(fraction(b, a, 1 - x)) - Math.log(b));
}

const EPS = 1e-16;
const TINY = 1e-300;

function fraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Survival function of the F distribution with (d1, d2) degrees of freedom (scipy f.sf). */
export function fSf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return betaInc(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
}
