import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseDuration } from '../config/duration.js';
import type { StageContext } from '../context.js';
import { engineCommand } from './argv.js';
import { classifyEnd } from './classify.js';
import type { TrainConfig } from './config.js';
import { driverPath } from './driver.js';
import { engineEnv, resolveEngine } from './engine.js';
import { gpuPreflight } from './gpu.js';
import { prepareTrainingData } from './inputs.js';
import { checkInterpreter, checkNotebook } from './preflight.js';
import {
  parseJsonLenient,
  plannedCells,
  readNotebook,
  slowestCells,
  type ExecutedNotebook,
} from './notebook.js';
import { checkModelDir, listFiles, OutputsProblem, readMetrics } from './outputs.js';
import { notebookParameters, toPapermillYaml, toPythonJson } from './params.js';
import { runSupervised } from './process.js';
import { TrainingFailed, type TrainRequest, type TrainResult } from './types.js';

export { renderTrainingMarkdown } from './summary.js';
export { TrainingFailed } from './types.js';

/** Where the executed notebook and the logs of a run are kept (for the report and download): per run, so runs never overwrite each other's. */
export function keptFiles(ctx: Pick<StageContext, 'workDir'>) {
  const dir = join(ctx.workDir, 'training');
  return {
    dir,
    notebook: join(dir, 'executed.ipynb'),
    engineLog: join(dir, 'engine.log'),
    stdout: join(dir, 'notebook-stdout.txt'),
    stderr: join(dir, 'notebook-stderr.txt'),
  };
}

/** How long SIGINT is given to finalise the notebook before SIGTERM, then SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** Runs the notebook with the configured engine and checks its outputs (throws TrainingFailed). */
export async function runTraining(
  config: TrainConfig,
  request: TrainRequest,
  ctx: StageContext,
): Promise<TrainResult> {
  const log = ctx.logger;
  if (ctx.signal.aborted) {
    throw new TrainingFailed('Training was cancelled before it started', 'cancelled', null);
  }
  const env = notebookEnv(config, ctx, log);
  // Before any cell runs (and before the GPU is asked for): the notebook, then the interpreter.
  const facts = await checkNotebook(config, ctx.root, request.notebook || config.notebook);
  const resolved = resolveEngine(config, process.env);
  await checkInterpreter(resolved, facts.kernel, env, log);
  const gpu = config.gpu ? await gpuPreflight(process.env) : undefined;
  if (gpu) log.info(`GPU: ${gpu.map((g) => `${g.name} (${g.memoryMiB} MiB)`).join(', ')}`);

  const notebook = resolve(ctx.root, request.notebook || config.notebook);
  const kept = keptFiles(ctx);
  const outputDir = resolve(ctx.root, request.outputDir);
  // Not under outputDir: everything there is listed as a training output.
  const scratch = join(ctx.workDir, 'train-engine');
  await Promise.all([
    mkdir(kept.dir, { recursive: true }),
    mkdir(outputDir, { recursive: true }),
    mkdir(scratch, { recursive: true }),
  ]);

  const extra: Record<string, unknown> = {};
  if (config.data) {
    const data = await prepareTrainingData(config.data, ctx.root, join(scratch, 'data'), log);
    extra[data.parameter] = data.path;
  }
  const parameters = notebookParameters(
    { ...config.parameters, ...extra, ...request.parameters },
    { ...request, outputDir },
  );

  const runTimeoutMs =
    config.timeout !== undefined ? parseDuration(config.timeout, 'train.timeout') : undefined;
  const cellTimeoutS =
    config.cell_timeout !== undefined
      ? parseDuration(config.cell_timeout, 'train.cell_timeout') / 1000
      : undefined;
  const startTimeoutS =
    config.start_timeout !== undefined
      ? parseDuration(config.start_timeout, 'train.start_timeout') / 1000
      : 60;

  const common = {
    input: notebook,
    output: kept.notebook,
    kernel: config.kernel,
    cwd: dirname(notebook),
    cellTimeoutS,
    startTimeoutS,
    stdoutFile: kept.stdout,
    stderrFile: kept.stderr,
  };
  let cmd;
  if (resolved.engine === 'papermill') {
    const file = join(scratch, 'parameters.yaml');
    await writeFile(file, toPapermillYaml(parameters));
    cmd = engineCommand({ ...common, ...resolved, parametersFile: file });
  } else {
    const file = join(scratch, 'parameters.json');
    await writeFile(file, toPythonJson(parameters));
    const driver = driverPath();
    cmd = engineCommand({ ...common, ...resolved, driver, parametersFile: file });
  }
  // Stale results of an earlier attempt (a kept workspace) must not be read as this run's.
  await Promise.all(
    [kept.notebook, kept.stdout, kept.stderr, join(outputDir, 'metrics.json')].map((f) =>
      rm(f, { force: true }),
    ),
  );
  await rm(join(outputDir, 'model'), { recursive: true, force: true });

  const plan = await readFile(notebook, 'utf8')
    .then((t) => plannedCells(readNotebook(parseJsonLenient(t))))
    .catch(() => null);
  log.info(
    `Running ${request.notebook || config.notebook} with ${resolved.engine} (${plan?.length ?? '?'} cells)`,
  );

  const engineLog = createWriteStream(kept.engineLog);
  const end = await runSupervised({
    command: cmd.command,
    args: cmd.args,
    env,
    cwd: ctx.root,
    timeoutMs: runTimeoutMs,
    signal: ctx.signal,
    graceMs: STOP_GRACE_MS,
    onLine: (_stream, line) => {
      engineLog.write(line + '\n');
      relayLine(line, plan, log);
    },
  });
  await new Promise<void>((r) => engineLog.end(r));

  const executed = await readExecuted(kept.notebook);
  const failure = end.spawnError
    ? new TrainingFailed(
        `Could not start ${cmd.command} (${end.spawnError.code ?? end.spawnError.message}); install it or set train.python / MODEL_RETRAIN_PYTHON to an interpreter with nbclient and ipykernel`,
        'engine',
        null,
      )
    : classifyEnd({
        engine: resolved.engine,
        code: end.code,
        signal: end.signal,
        stoppedBy: end.stoppedBy,
        stderrTail: end.stderrTail,
        notebook: executed,
        executedNotebook: executed ? kept.notebook : null,
        runTimeout: config.timeout !== undefined ? String(config.timeout) : undefined,
        cellTimeout: config.cell_timeout !== undefined ? String(config.cell_timeout) : undefined,
        startTimeoutS,
      });
  if (failure) {
    log.error(failure.message);
    throw failure;
  }
  if (!executed) {
    throw new TrainingFailed(
      `The ${resolved.engine} engine exited without writing the executed notebook`,
      'engine',
      null,
    );
  }

  let metrics;
  let modelDir;
  try {
    modelDir = await checkModelDir(outputDir);
    metrics = await readMetrics(outputDir);
  } catch (e) {
    if (e instanceof OutputsProblem) {
      throw new TrainingFailed(
        `The notebook ran but its outputs break the contract: ${e.message}; the executed notebook is kept at ${kept.notebook}`,
        'bad-outputs',
        kept.notebook,
      );
    }
    throw e;
  }
  const durationS = executed.run?.durationS ?? end.durationMs / 1000;
  log.info(`Training finished in ${durationS.toFixed(1)} s`);
  return {
    engine: resolved.engine,
    executedNotebook: kept.notebook,
    outputDir,
    modelDir,
    metrics,
    files: await listFiles(outputDir),
    durationS,
    slowestCells: slowestCells(executed),
    ...(gpu ? { gpu } : {}),
  };
}

/** The engine's environment: no input, token or secret unless train.env names it. */
function notebookEnv(
  config: TrainConfig,
  ctx: Pick<StageContext, 'secrets'>,
  log: StageContext['logger'],
): NodeJS.ProcessEnv {
  const pass = config.env ?? [];
  for (const name of pass) {
    if (process.env[name] === undefined) {
      log.warning(`train.env names ${name}, but it is not set: the notebook will not see it`);
    }
  }
  const secrets = Object.values(ctx.secrets ?? {}).filter(
    (v): v is string => typeof v === 'string',
  );
  return engineEnv(process.env, pass, secrets);
}

async function readExecuted(path: string): Promise<ExecutedNotebook | null> {
  if (!existsSync(path)) return null;
  try {
    const text = await readFile(path, 'utf8');
    if (!text.trim()) return null;
    return readNotebook(parseJsonLenient(text));
  } catch {
    return null;
  }
}

const CELL_START = /^Executing Cell (\d+)-*$/;
const CELL_END = /^Ending Cell \d+-*$/;
const NOISE = /Kernel is running over TCP without encryption/;

/** Turns the engine's log lines into progress ("cell 3/12: …") and relays the notebook's output. */
export function relayLine(
  line: string,
  plan: string[] | null,
  log: Pick<StageContext['logger'], 'info' | 'debug'>,
): void {
  const start = CELL_START.exec(line);
  if (start) {
    const n = Number(start[1]);
    const what = plan?.[n - 1];
    log.info(`cell ${n}/${plan?.length ?? '?'}${what ? `: ${what}` : ''}`);
    return;
  }
  if (CELL_END.test(line) || NOISE.test(line)) {
    log.debug(line);
    return;
  }
  if (line.trim()) log.info(line);
}
