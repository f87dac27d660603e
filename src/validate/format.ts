/** Numbers as people read them in a verdict: four significant digits, no exponent for everyday sizes. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e7)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** A difference with its sign always shown: +0.012, -0.3, 0. */
export function fmtSigned(x: number): string {
  const s = fmt(x);
  return x > 0 ? `+${s}` : s;
}

/** A p-value: three significant digits, exponent below 1e-4. */
export function fmtP(p: number): string {
  if (p === 0) return '0';
  if (p < 1e-4) return p.toExponential(2);
  return String(Number(p.toPrecision(3)));
}
