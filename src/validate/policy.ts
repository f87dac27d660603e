import { UserError } from '../errors.js';
import {
  defaultSignificance,
  type MetricPolicy,
  type SignificanceConfig,
  type ValidateConfig,
  type ValidateMode,
} from './config.js';
import { fmt, fmtP, fmtSigned } from './format.js';
import type { MetricRow, RuleResult, SignificanceResult, Verdict, VerdictStatus } from './types.js';

export interface JudgeInput {
  /** The challenger's metrics (metrics.json "challenger"). */
  challenger: Record<string, number>;
  /** null: cold start (nothing published yet). */
  champion: {
    metrics: Record<string, number>;
    /** rescored: scored by the notebook on the challenger's holdout; recorded: at its publication. */
    basis: 'rescored' | 'recorded';
    version?: number;
  } | null;
  /** The significance test of the primary metric, when one ran. */
  significance?: SignificanceResult | null;
  /** Why no test ran although one is configured (no predictions file…). */
  significanceUnavailable?: string;
  /** The dry-run input: evaluate and report, never block, never move the alias. */
  dryRun?: boolean;
}

const RECORDED = ' [champion as recorded at its publication: measured on different data]';

/** Floats such as 0.86 - 0.85 land a hair off the threshold; do not let that decide. */
function slack(...xs: number[]): number {
  return 1e-9 * Math.max(1, ...xs.map(Math.abs));
}

/** Champion vs challenger: every rule evaluated and reported, the first failing one named. Pure. */
export function judge(config: ValidateConfig, input: JudgeInput): Verdict {
  const mode: ValidateMode = input.dryRun ? 'dry_run' : (config.mode ?? 'enforce');
  const sig: SignificanceConfig = { ...defaultSignificance, ...config.significance };
  const champion = input.champion;
  const coldStart = champion === null;
  const names = orderedMetrics(config);
  for (const name of names) requireValue(input.challenger, name, 'challenger');
  if (champion?.basis === 'rescored') requireValue(champion.metrics, config.primary, 'champion');

  const table = buildTable(config, names, input.challenger, champion?.metrics ?? null);
  const rules: RuleResult[] = [];
  const recorded = champion?.basis === 'recorded' ? RECORDED : '';
  for (const name of names) {
    const policy = config.metrics[name] as MetricPolicy;
    const value = input.challenger[name] as number;
    const base = champion ? champion.metrics[name] : undefined;
    const isPrimary = name === config.primary;
    rules.push(...boundRules(name, policy, value));
    if (isPrimary) {
      rules.push(...primaryRules(name, policy, value, base, coldStart, recorded));
      if (sig.test !== 'none') rules.push(significanceRule(name, sig, input, coldStart));
    } else {
      rules.push(...guardRules(name, policy, value, base, coldStart, recorded));
    }
  }

  const failed = rules.find((r) => !r.passed);
  const computed: VerdictStatus = failed ? 'reject' : 'promote';
  const reason = failed
    ? `${failed.metric} ${failed.rule}: ${failed.detail}`
    : promoteReason(config, input, rules);
  const notes = basisNotes(input);
  const advisory = mode === 'dry_run';
  if (advisory) {
    notes.push(
      input.dryRun
        ? 'Dry run: the verdict is reported only; nothing blocks and the alias is not moved.'
        : 'validate.mode is dry_run: the verdict is reported but does not block promotion.',
    );
  }
  if (mode === 'shadow') {
    notes.push(
      'validate.mode is shadow: a passing challenger is published as a new version without moving the alias.',
    );
  }
  const verdict: Verdict = {
    status: advisory ? 'promote' : computed,
    reason: advisory ? `dry run, would ${computed}: ${reason}` : reason,
    coldStart,
    comparison: champion ? champion.basis : 'none',
    rules,
    table,
    advisory,
    mode,
    moveAlias: mode === 'enforce' || (mode === 'dry_run' && !input.dryRun),
    championVersion: champion?.version ?? null,
    notes,
  };
  if (advisory) verdict.wouldBe = computed;
  if (input.significance) verdict.significance = { ...input.significance };
  else if (sig.test !== 'none')
    verdict.significance = {
      test: sig.test,
      level: sig.level,
      required: sig.required,
      note: coldStart
        ? 'cold start: no champion to compare with'
        : (input.significanceUnavailable ?? 'not computed'),
    };
  return verdict;
}

/** The primary first, then the guards in the order the config lists them. */
function orderedMetrics(config: ValidateConfig): string[] {
  if (!(config.primary in config.metrics)) {
    throw new UserError(
      `validate.primary: "${config.primary}" has no policy under validate.metrics; add validate.metrics.${config.primary}.direction`,
    );
  }
  return [config.primary, ...Object.keys(config.metrics).filter((m) => m !== config.primary)];
}

function requireValue(metrics: Record<string, number>, name: string, side: string): void {
  const v = metrics[name];
  if (v === undefined) {
    throw new UserError(
      `metrics.json: "${side}" has no "${name}", which validate.metrics lists; write it from the notebook or remove it from validate.metrics`,
    );
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new UserError(`metrics.json: "${side}.${name}" is ${String(v)}, not a finite number`);
  }
}

function buildTable(
  config: ValidateConfig,
  names: string[],
  challenger: Record<string, number>,
  champion: Record<string, number> | null,
): MetricRow[] {
  const extra = Object.keys(challenger).filter((m) => !(m in config.metrics));
  return [...names, ...extra].map((metric) => {
    const a = challenger[metric] as number;
    const b = champion?.[metric];
    const hasB = typeof b === 'number' && Number.isFinite(b);
    const delta = hasB ? a - b : null;
    return {
      metric,
      champion: hasB ? b : null,
      challenger: a,
      delta,
      relativeDelta: hasB && b !== 0 && delta !== null ? delta / Math.abs(b) : null,
      direction: config.metrics[metric]?.direction,
      role: metric === config.primary ? 'primary' : metric in config.metrics ? 'guard' : 'info',
    };
  });
}

function boundRules(name: string, policy: MetricPolicy, value: number): RuleResult[] {
  const out: RuleResult[] = [];
  if (policy.floor !== undefined) {
    const passed = value >= policy.floor - slack(policy.floor);
    out.push({
      rule: 'floor',
      metric: name,
      passed,
      detail: passed
        ? `${fmt(value)} ≥ floor ${fmt(policy.floor)}`
        : `${fmt(value)} is below the floor ${fmt(policy.floor)}`,
    });
  }
  if (policy.ceiling !== undefined) {
    const passed = value <= policy.ceiling + slack(policy.ceiling);
    out.push({
      rule: 'ceiling',
      metric: name,
      passed,
      detail: passed
        ? `${fmt(value)} ≤ ceiling ${fmt(policy.ceiling)}`
        : `${fmt(value)} is above the ceiling ${fmt(policy.ceiling)}`,
    });
  }
  return out;
}

/** Signed improvement: positive when the challenger is better in the metric's direction. */
function improvement(policy: MetricPolicy, value: number, base: number): number {
  return policy.direction === 'higher' ? value - base : base - value;
}

function skippedRule(rule: string, metric: string, why: string): RuleResult {
  return { rule, metric, passed: true, skipped: true, detail: `not applied: ${why}` };
}

function noBase(base: number | undefined, coldStart: boolean): string | null {
  if (coldStart) return 'cold start, no champion';
  if (typeof base !== 'number' || !Number.isFinite(base)) return 'the champion has no value for it';
  return null;
}

function primaryRules(
  name: string,
  policy: MetricPolicy,
  value: number,
  base: number | undefined,
  coldStart: boolean,
  basis: string,
): RuleResult[] {
  const minChange = policy.min_change ?? 0;
  const why = noBase(base, coldStart);
  const out: RuleResult[] = [];
  if (why !== null) {
    out.push(skippedRule('min_change', name, why));
    if (policy.min_relative_change !== undefined)
      out.push(skippedRule('min_relative_change', name, why));
    return out;
  }
  const b = base as number;
  const gain = improvement(policy, value, b);
  const better = policy.direction === 'higher' ? 'higher' : 'lower';
  const passed = gain >= minChange - slack(value, b);
  const need =
    minChange === 0 ? 'must not be worse' : `must be at least ${fmt(minChange)} ${better}`;
  out.push({
    rule: 'min_change',
    metric: name,
    passed,
    detail: `${fmt(value)} vs champion ${fmt(b)} (${fmtSigned(value - b)}); ${need}${basis}`,
  });
  if (policy.min_relative_change !== undefined) {
    const rel = relative(gain, b);
    const ok = rel >= policy.min_relative_change - 1e-9;
    out.push({
      rule: 'min_relative_change',
      metric: name,
      passed: ok,
      detail: `${fmt(value)} vs champion ${fmt(b)} (${pct(rel)} ${rel >= 0 ? 'better' : 'worse'}); must be at least ${pct(policy.min_relative_change)} ${better}${basis}`,
    });
  }
  return out;
}

function guardRules(
  name: string,
  policy: MetricPolicy,
  value: number,
  base: number | undefined,
  coldStart: boolean,
  basis: string,
): RuleResult[] {
  const out: RuleResult[] = [];
  if (policy.tolerance === undefined && policy.relative_tolerance === undefined) return out;
  const why = noBase(base, coldStart);
  if (why !== null) {
    if (policy.tolerance !== undefined) out.push(skippedRule('tolerance', name, why));
    if (policy.relative_tolerance !== undefined)
      out.push(skippedRule('relative_tolerance', name, why));
    return out;
  }
  const b = base as number;
  const loss = -improvement(policy, value, b);
  const change = `${fmt(value)} vs champion ${fmt(b)} (${fmtSigned(value - b)})`;
  if (policy.tolerance !== undefined) {
    const passed = loss <= policy.tolerance + slack(value, b);
    out.push({
      rule: 'tolerance',
      metric: name,
      passed,
      detail: passed
        ? `${change}; within the tolerance ${fmt(policy.tolerance)}${basis}`
        : `${change}; regresses by ${fmt(loss)}, more than the tolerance ${fmt(policy.tolerance)}${basis}`,
    });
  }
  if (policy.relative_tolerance !== undefined) {
    const rel = -relative(-loss, b);
    const passed = rel <= policy.relative_tolerance + 1e-9;
    out.push({
      rule: 'relative_tolerance',
      metric: name,
      passed,
      detail: passed
        ? `${change}; within the relative tolerance ${pct(policy.relative_tolerance)}${basis}`
        : `${change}; regresses by ${pct(rel)}, more than the relative tolerance ${pct(policy.relative_tolerance)}${basis}`,
    });
  }
  return out;
}

/** gain / |base|; a zero base makes any gain infinitely large (and any loss infinitely bad). */
function relative(gain: number, base: number): number {
  if (base !== 0) return gain / Math.abs(base);
  return gain === 0 ? 0 : gain > 0 ? Infinity : -Infinity;
}

function pct(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞ %' : '-∞ %';
  return `${fmt(Math.abs(x) * 100)} %`;
}

function describeTest(s: SignificanceResult): string {
  if (s.test === 'mcnemar') {
    return `McNemar exact, ${s.challengerOnly ?? 0} vs ${s.championOnly ?? 0} discordant of ${s.n}`;
  }
  const conf = fmt((1 - s.level) * 100);
  return `paired bootstrap, ${conf} % CI of Δ${s.metric} [${fmtSigned(s.ciLow ?? NaN)}, ${fmtSigned(s.ciHigh ?? NaN)}], ${s.resamples ?? 0} resamples, seed ${s.seed ?? 0}`;
}

function significanceRule(
  name: string,
  sig: SignificanceConfig,
  input: JudgeInput,
  coldStart: boolean,
): RuleResult {
  if (coldStart) return skippedRule('significance', name, 'cold start, no champion');
  const s = input.significance;
  if (!s) {
    const why = input.significanceUnavailable ?? 'no test result';
    if (sig.required) {
      return {
        rule: 'significance',
        metric: name,
        passed: false,
        detail: `required at ${fmt(sig.level)} but not computed: ${why}`,
      };
    }
    return skippedRule('significance', name, why);
  }
  const what = `p=${fmtP(s.p)} (${describeTest(s)})`;
  if (s.significant) {
    return {
      rule: 'significance',
      metric: name,
      passed: true,
      detail: `significantly better at ${fmt(s.level)}: ${what}`,
    };
  }
  const head = s.better
    ? `better but not significant at ${fmt(s.level)}`
    : `not significantly better at ${fmt(s.level)}`;
  return {
    rule: 'significance',
    metric: name,
    passed: !s.required,
    detail: s.required ? `${head}: ${what}` : `${head}: ${what}; advisory (not required)`,
  };
}

function promoteReason(config: ValidateConfig, input: JudgeInput, rules: RuleResult[]): string {
  const applied = rules.filter((r) => !r.skipped).length;
  const p = config.primary;
  const value = input.challenger[p] as number;
  const champion = input.champion;
  if (!champion) {
    const bounds = rules.filter((r) => r.rule === 'floor' || r.rule === 'ceiling');
    return bounds.length
      ? `cold start: no champion yet; the challenger meets ${bounds.length === 1 ? 'its bound' : `all ${bounds.length} bounds`} (${bounds.map((r) => `${r.metric} ${r.detail}`).join('; ')})`
      : `cold start: no champion yet and no floor or ceiling configured; the first version is accepted (${p} ${fmt(value)})`;
  }
  const base = champion.metrics[p];
  const v = champion.version !== undefined ? ` v${champion.version}` : '';
  if (typeof base !== 'number' || !Number.isFinite(base)) {
    return `champion${v} has no ${p} to compare with; the challenger passes ${applied} applicable rule${applied === 1 ? '' : 's'} (${p} ${fmt(value)})`;
  }
  const on =
    champion.basis === 'rescored'
      ? 'on the same holdout'
      : 'against its recorded metrics, measured on different data';
  return `challenger ${p} ${fmt(value)} vs champion${v} ${fmt(base)} (${fmtSigned(value - base)}, ${on}); all ${applied} applicable rule${applied === 1 ? '' : 's'} pass`;
}

function basisNotes(input: JudgeInput): string[] {
  const c = input.champion;
  if (!c) return ['Cold start: no champion is published yet, so only floors and ceilings apply.'];
  const v = c.version !== undefined ? ` v${c.version}` : '';
  if (c.basis === 'rescored') {
    return [
      `The champion${v} was re-scored by the notebook on the challenger's holdout: a like-for-like comparison.`,
    ];
  }
  return [
    `The champion${v}'s metrics are those recorded when it was published: the two models were measured on different data, so deltas mix model and data changes.`,
  ];
}
