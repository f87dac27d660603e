/** The small logging surface inner modules receive; main.ts binds it to @actions/core, the CLI to the console. */
export interface Logger {
  info(message: string): void;
  warning(message: string, where?: { file?: string; line?: number }): void;
  error(message: string, where?: { file?: string; line?: number }): void;
  debug(message: string): void;
  /** Runs `fn` inside one collapsible log group (one per phase). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that drops everything; for tests of modules that log as a side effect. */
export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_name, fn) => fn(),
};
