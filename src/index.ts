import { run } from './main.js';

await run();
// Keep-alive sockets of SDK clients must not hold a finished step open.
setTimeout(() => process.exit(), 10_000).unref();
