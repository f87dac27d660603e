import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonBin, repoRoot } from '../support/python.js';
import { readRecords } from './csv.js';

const script = resolve(repoRoot, 'examples/reviews/generate.py');
const LABELS = [
  'clothing_negative',
  'clothing_positive',
  'food_negative',
  'food_positive',
  'movies_negative',
  'movies_positive',
];

function generate(...args: string[]): string {
  return execFileSync(pythonBin(), [script, ...args], { encoding: 'utf8' });
}

function words(texts: string[]): Set<string> {
  return new Set(texts.flatMap((t) => t.toLowerCase().match(/[a-z]{2,}/g) ?? []));
}

describe('examples/reviews/generate.py', () => {
  it.each([
    { args: ['--n', '300', '--seed', '3'] },
    { args: ['--n', '300', '--seed', '3', '--drift'] },
  ])('is deterministic for a seed ($args)', ({ args }) => {
    const first = generate(...args);
    expect(generate(...args)).toBe(first);
    const other = generate(...args.map((a) => (a === '3' ? '4' : a)));
    expect(other).not.toBe(first);
  });

  it.each([false, true])('writes text,label rows in six balanced classes (drift %s)', (drift) => {
    const n = 600;
    const { header, records } = readRecords(
      generate('--n', String(n), '--seed', '1', ...(drift ? ['--drift'] : [])),
    );
    expect(header).toEqual(['text', 'label']);
    expect(records).toHaveLength(n);
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.label!, (counts.get(r.label!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(LABELS);
    // Balanced by construction; a little label noise moves a few rows between classes.
    for (const c of counts.values()) expect(Math.abs(c - n / 6)).toBeLessThan(15);
    expect(records.every((r) => r.text!.length > 10)).toBe(true);
  });

  it('drift brings vocabulary the healthy data never uses', () => {
    const healthy = readRecords(generate('--n', '5000', '--seed', '11')).records;
    const drifted = readRecords(generate('--n', '1000', '--seed', '12', '--drift')).records;
    const known = words(healthy.map((r) => r.text!));
    const unseen = [...words(drifted.map((r) => r.text!))].filter((w) => !known.has(w));
    expect(unseen).toEqual(expect.arrayContaining(['kombucha', 'docuseries', 'bussin', 'cringe']));
    // Most drifted reviews carry unseen words; healthy reviews of another seed carry none.
    const withUnseen = drifted.filter((r) => [...words([r.text!])].some((w) => !known.has(w)));
    expect(withUnseen.length / drifted.length).toBeGreaterThan(0.6);
    const healthy2 = readRecords(generate('--n', '1000', '--seed', '13')).records;
    expect([...words(healthy2.map((r) => r.text!))].filter((w) => !known.has(w))).toEqual([]);
  });

  it('is importable: generate() returns the same rows as the script', () => {
    const code = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(resolve(repoRoot, 'examples/reviews'))})`,
      'from generate import generate',
      'print(json.dumps(generate(50, seed=5, drift=True)))',
    ].join('\n');
    const fromModule = JSON.parse(execFileSync(pythonBin(), ['-c', code], { encoding: 'utf8' }));
    const fromScript = readRecords(generate('--n', '50', '--seed', '5', '--drift')).records;
    expect(fromModule).toEqual(fromScript.map((r) => [r.text, r.label]));
  });

  it.each([
    { args: ['--drift-rate', '1.5'], message: 'drift_rate' },
    { args: ['--n', '-1'], message: 'n must be' },
  ])('rejects $args', ({ args, message }) => {
    const r = spawnSync(pythonBin(), [script, ...args], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
  });
});
