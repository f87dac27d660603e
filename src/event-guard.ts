/**
 * @actions/github parses GITHUB_EVENT_PATH the moment it is imported and throws a bare
 * SyntaxError, with a stack trace, on a broken file — before run() could say which file is wrong.
 * This module is imported first: it keeps the path for run() (which reports a broken payload as
 * a user error naming the file) and hides a broken file from the toolkit.
 */
import { existsSync, readFileSync } from 'node:fs';

export const eventPath: string | undefined = process.env.GITHUB_EVENT_PATH;

if (eventPath && existsSync(eventPath)) {
  try {
    JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch {
    delete process.env.GITHUB_EVENT_PATH;
  }
}
