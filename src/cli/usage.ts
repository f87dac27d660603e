import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { closest } from '../config/words.js';
import { errorMessage } from '../errors.js';
import { TOOL } from '../version.js';

/** One line of usage, printed under a mistyped flag or command (--help has every option). */
export const USAGE =
  'usage: model-retrain [--config FILE] [--mode check|retrain|full|rollback|plan] [--force] [--json] …' +
  ' | verify N | versions | cleanup | init   (--help lists every option)';

export const INIT_USAGE =
  'usage: model-retrain init [--source file|datadog|prometheus|s3] [--registry s3://BUCKET/PREFIX] [--gpu] [--model NAME] [--dir DIR] [--force]   (init --help lists every option)';

/** `did you mean "verify"?` for a near miss among `known`, else ''. */
export function suggestion(word: string, known: readonly string[], prefix = ''): string {
  const c = closest(word, known);
  return c !== undefined && c !== word ? `; did you mean ${prefix}${c}?` : '';
}

/**
 * A util.parseArgs error in words: the flag, the closest known flag, and one line of usage,
 * instead of parseArgs' own advice about positionals. Other errors: their message.
 */
export function flagError(error: unknown, known: readonly string[], usage: string): string {
  const code = String((error as { code?: unknown }).code);
  const message = errorMessage(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  let line: string;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    line = `unknown option ${flag}${suggestion(name, known, '--')}`;
  } else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    line = /argument missing/.test(message)
      ? `option --${name} needs a value (--${name} VALUE)`
      : `option --${name} takes no value (write --${name} alone)`;
  } else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    line = `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`;
  } else {
    line = message;
  }
  return `error: ${line}\n${usage}`;
}

export function isFlagError(error: unknown): boolean {
  return String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

/**
 * The command that runs this CLI again, as the person can type it: `npx model-retrain-action@0`
 * when it runs from an installed package (npx, npm exec, a dependency), else `node PATH` of
 * the bundle (a clone).
 */
export function selfCommand(script = process.argv[1] ?? '', cwd = process.cwd()): string {
  let real = script;
  try {
    real = realpathSync(script);
  } catch {
    // Not a file (tests): keep the path as given.
  }
  if (real.split(sep).includes('node_modules')) {
    return `npx ${TOOL.name}@${TOOL.version.split('.')[0] ?? '0'}`;
  }
  const rel = relative(cwd, real);
  return `node ${rel.startsWith('..') || rel === '' ? real : rel}`;
}
