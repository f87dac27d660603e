import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../src/trigger/glob.js';

describe('matchesAny', () => {
  it.each([
    ['notebooks/train.ipynb', ['notebooks/**'], true],
    ['notebooks', ['notebooks/**'], true],
    ['notebooks2/train.ipynb', ['notebooks/**'], false],
    ['notebooks/a/b/c.py', ['notebooks/**'], true],
    ['train.ipynb', ['*.ipynb'], true],
    ['notebooks/train.ipynb', ['*.ipynb'], false],
    ['notebooks/train.ipynb', ['**/*.ipynb'], true],
    ['train.ipynb', ['**/*.ipynb'], true],
    ['a/x/y/b', ['a/**/b'], true],
    ['a/b', ['a/**/b'], true],
    ['src/f.py', ['src/?.py'], true],
    ['src/ff.py', ['src/?.py'], false],
    ['./src/f.py', ['src/'], true],
    ['src/a+b(1).py', ['src/a+b(1).py'], true],
    ['src/axb1.py', ['src/a.b?1?.py'], false],
    ['docs/usage.md', ['docs/**', '!docs/usage.md'], false],
    ['docs/usage.md', ['!docs/usage.md', 'docs/**'], true],
    ['lib/x.js', ['**.js'], true],
    ['anything', [], false],
  ])('%s in %j → %s', (path, patterns, expected) => {
    expect(matchesAny(path, patterns)).toBe(expected);
  });
});
