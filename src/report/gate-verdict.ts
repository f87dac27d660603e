import { UserError } from '../errors.js';
import type { CheckResult, Decision, GateHandoff, GateReport, Severity } from '../gate/types.js';
import type { RunReport } from './types.js';

export type { GateHandoff } from '../gate/types.js';

const DECISIONS: readonly Decision[] = ['skip', 'warn', 'retrain'];
const SEVERITIES: readonly Severity[] = ['ok', 'insufficient', 'warn', 'alert'];
const OPS = ['<', '<=', '>', '>='];
/** Bounds: the value travels as a step output (GitHub allows 1 MB for all of a job's outputs). */
const MAX_REASONS = 10;
const MAX_TEXT = 500;
const MAX_CHECKS = 50;
const MAX_BYTES = 64 * 1024;

const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** The handoff from a check run's report; `checks: false` keeps only the decision and why (matrix entries). */
export function gateHandoff(report: RunReport, opts: { checks?: boolean } = {}): GateHandoff {
  const reasons = [...(report.gate?.reasons ?? [])];
  if (report.guard?.blocked) reasons.unshift(report.guard.reason);
  return {
    decision: report.decision,
    severity: report.severity,
    reasons: reasons.slice(0, MAX_REASONS).map(clip),
    checks: opts.checks === false ? [] : (report.gate?.checks ?? []).slice(0, MAX_CHECKS),
    ...(report.runUrl ? { run: report.runUrl } : {}),
    ...(report.finishedAt || report.startedAt ? { at: report.finishedAt ?? report.startedAt } : {}),
  };
}

function bad(why: string): never {
  throw new UserError(
    `input "gate-verdict": ${why}; pass the check job's output unchanged (gate-verdict: \${{ needs.check.outputs.gate-verdict }})`,
  );
}

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function readCheck(c: unknown, i: number): CheckResult {
  const o = (c ?? {}) as Record<string, unknown>;
  const at = `checks[${i}]`;
  for (const k of ['name', 'series', 'statistic'])
    if (typeof o[k] !== 'string') bad(`${at}.${k} is not text`);
  if (!(o.value === null || isNum(o.value))) bad(`${at}.value is not a number or null`);
  if (!OPS.includes(o.op as string)) bad(`${at}.op is not one of ${OPS.join(' ')}`);
  if (!SEVERITIES.includes(o.status as Severity)) bad(`${at}.status is not a severity`);
  const samples = (o.samples ?? {}) as Record<string, unknown>;
  if (!isNum(samples.current)) bad(`${at}.samples.current is not a number`);
  for (const k of ['warn', 'alert'])
    if (o[k] !== undefined && !isNum(o[k])) bad(`${at}.${k} is not a number`);
  return { ...(o as unknown as CheckResult), name: clip(o.name as string) };
}

/** The gate-verdict input → a checked handoff. Outside text: every field is checked and bounded. */
export function parseGateVerdict(text: string): GateHandoff {
  if (text.length > MAX_BYTES) bad(`${text.length} characters, more than ${MAX_BYTES}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    bad('not JSON');
  }
  const o = (data ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('not a JSON object');
  if (!DECISIONS.includes(o.decision as Decision))
    bad(`decision ${JSON.stringify(o.decision)} is not one of ${DECISIONS.join(', ')}`);
  if (!SEVERITIES.includes(o.severity as Severity))
    bad(`severity ${JSON.stringify(o.severity)} is not one of ${SEVERITIES.join(', ')}`);
  const reasons = o.reasons ?? [];
  if (!Array.isArray(reasons) || reasons.some((r) => typeof r !== 'string'))
    bad('reasons is not a list of text');
  const checks = o.checks ?? [];
  if (!Array.isArray(checks)) bad('checks is not a list');
  return {
    decision: o.decision as Decision,
    severity: o.severity as Severity,
    reasons: (reasons as string[]).slice(0, MAX_REASONS).map(clip),
    checks: (checks as unknown[]).slice(0, MAX_CHECKS).map(readCheck),
    ...(typeof o.run === 'string' && /^https?:\/\//.test(o.run) ? { run: clip(o.run) } : {}),
    ...(typeof o.at === 'string' && !Number.isNaN(Date.parse(o.at)) ? { at: o.at } : {}),
  };
}

/** The gate of a retrain job that trusts its check job: that job's verdict, said as such. */
export function gateFromHandoff(
  h: GateHandoff | undefined,
  flags: { forced: boolean; dryRun: boolean },
): GateReport {
  if (!h) {
    return {
      checks: [],
      severity: 'ok',
      decision: 'retrain',
      reasons: [
        'decision "retrain" taken by the check job (input gate-decision); its severity and reasons were not passed: give this job gate-verdict: ${{ needs.check.outputs.gate-verdict }} to report them',
      ],
      forced: flags.forced,
      dryRun: flags.dryRun,
    };
  }
  const from = `the check job${h.run ? ` (${h.run})` : ''}${h.at ? ` at ${h.at}` : ''}`;
  return {
    checks: h.checks,
    severity: h.severity,
    decision: h.decision,
    reasons: [`decision "${h.decision}" taken by ${from}, severity ${h.severity}`, ...h.reasons],
    forced: flags.forced,
    dryRun: flags.dryRun,
  };
}
