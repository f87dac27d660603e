import { describe, expect, it } from 'vitest';
import { parseBoolean, readRunOptions } from '../../src/config/inputs.js';
import { UserError } from '../../src/errors.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readRunOptions', () => {
  it('applies defaults', () => {
    const o = readRunOptions(reader({}), () => undefined);
    expect(o).toMatchObject({
      mode: 'full',
      configPath: '.github/model-retrain.yml',
      force: false,
      dryRun: false,
    });
  });

  it('masks every secret the moment it is read, and only secrets', () => {
    const masked: string[] = [];
    const o = readRunOptions(
      reader({
        'github-token': 'ghs_x',
        'datadog-api-key': 'dd1',
        'datadog-app-key': 'dd2',
        'prometheus-password': 'pw',
        'prometheus-username': 'bob',
        'webhook-secret': 'ws',
        'prometheus-token': 'pt',
      }),
      (s) => masked.push(s),
    );
    expect(masked.sort()).toEqual(['dd1', 'dd2', 'ghs_x', 'pt', 'pw', 'ws']);
    expect(o.secrets).toMatchObject({ githubToken: 'ghs_x', prometheusUsername: 'bob' });
  });

  it.each([
    [
      { mode: 'train' },
      'input "mode": expected one of check, retrain, full, rollback, plan, got "train"',
    ],
    [{ force: 'yes please' }, 'input "force": expected true or false, got "yes please"'],
    [{ 'dry-run': 'maybe' }, 'input "dry-run": expected true or false'],
    [{ 'gate-decision': 'go' }, 'input "gate-decision": expected skip, warn or retrain'],
    [{ mode: 'rollback', 'rollback-to': 'v2' }, 'input "rollback-to": expected a version number'],
    [{ 'rollback-to': '2' }, 'input "rollback-to" is set but mode is "full"'],
  ])('rejects %j', (values, message) => {
    expect(() => readRunOptions(reader(values), () => undefined)).toThrow(UserError);
    expect(() => readRunOptions(reader(values), () => undefined)).toThrow(message);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['false', false],
    ['', false],
    ['FALSE', false],
  ])('%s → %s', (text, value) => expect(parseBoolean('x', text)).toBe(value));
  it('rejects anything else', () =>
    expect(() => parseBoolean('force', 'ture')).toThrow('input "force"'));
});
