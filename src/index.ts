import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { run } from './main.js';

/** The entry: debuggers such as @github/local-action import this file and call run() themselves. */
export { run };

/** Whether node was started on this file (the runner: `node dist/index.js`), not importing it. */
function startedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (startedDirectly()) {
  await run();
  // Keep-alive sockets of SDK clients must not hold a finished step open.
  setTimeout(() => process.exit(), 10_000).unref();
}
