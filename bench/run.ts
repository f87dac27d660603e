/**
 * `npm run bench [-- NAME…]`: runs every bench whose name starts with one of NAMEs (all when none),
 * one child process per case, and prints one JSON line per case.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchCase, BenchLine } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadBenches(): Promise<{ file: string; bench: Bench }[]> {
  const out: { file: string; bench: Bench }[] = [];
  for (const f of readdirSync(here)
    .filter((n) => n.endsWith('.bench.js'))
    .sort()) {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { benches: Bench[] };
    for (const bench of mod.benches) out.push({ file: f, bench });
  }
  return out;
}

async function child(file: string, name: string, sizeArg: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { benches: Bench[] };
  const bench = mod.benches.find((b) => b.name === name);
  if (!bench) throw new Error(`no bench ${name} in ${file}`);
  const size = bench.sizes.find((s) => String(s) === sizeArg) ?? sizeArg;
  const res: BenchCase = await bench.run(size);
  if (res.lines) {
    for (const l of res.lines) process.stdout.write(JSON.stringify(l) + '\n');
    return;
  }
  const line: BenchLine = {
    bench: name,
    size,
    ours_s: round(res.ours_s),
    peer: res.peer,
    peer_s: res.peer_s === null ? null : round(res.peer_s),
    ratio: res.peer_s ? round(res.ours_s / res.peer_s) : null,
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024),
    ...(res.extra ?? {}),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as string, args[2] as string, args[3] as string);
  const wanted = args.filter((a) => !a.startsWith('-'));
  const all = await loadBenches();
  // A name picks that bench alone where one is so named, else every bench it begins.
  const picks = (w: string, name: string): boolean =>
    all.some((b) => b.bench.name === w) ? name === w : name.startsWith(w);
  const chosen = all.filter(
    ({ bench }) => wanted.length === 0 || wanted.some((w) => picks(w, bench.name)),
  );
  if (chosen.length === 0) {
    process.stderr.write(
      `no bench matches ${wanted.join(' ')}; known: ${all.map((b) => b.bench.name).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  let failed = 0;
  for (const { file, bench } of chosen) {
    for (const size of bench.sizes) {
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', fileURLToPath(import.meta.url), '--child', file, bench.name, String(size)],
        {
          stdio: ['ignore', 'inherit', 'inherit'],
          env: process.env,
        },
      );
      if (r.status !== 0) {
        failed++;
        process.stderr.write(`bench ${bench.name} size ${size} failed (exit ${r.status})\n`);
      }
    }
  }
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
