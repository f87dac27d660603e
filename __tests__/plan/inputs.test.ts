import { describe, expect, it } from 'vitest';
import { readRunOptions } from '../../src/config/inputs.js';

const read = (inputs: Record<string, string>) =>
  readRunOptions(
    (name) => inputs[name] ?? '',
    () => undefined,
  );

describe('plan inputs', () => {
  it('mode plan with configs and keep-going', () => {
    expect(
      read({ mode: 'plan', configs: ' .github/models/*.yml ', 'keep-going': 'true' }),
    ).toMatchObject({
      mode: 'plan',
      configs: '.github/models/*.yml',
      keepGoing: true,
    });
  });

  it('keep-going defaults to false, configs to unset (the plan then reads .github/models/*.yml)', () => {
    expect(read({ mode: 'plan' })).toMatchObject({ keepGoing: false, configs: undefined });
  });

  it('a typo in keep-going fails instead of meaning false', () => {
    expect(() => read({ mode: 'plan', 'keep-going': 'ture' })).toThrow(
      'input "keep-going": expected true or false, got "ture"',
    );
  });
});
