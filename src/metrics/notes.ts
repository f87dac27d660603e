import type { Logger } from '../logger.js';

/**
 * Warnings of one fetch, de-duplicated and returned in MetricsResult.warnings. The caller
 * shows them (the pipeline turns each into an annotation), so here they only go to debug.
 */
export class Notes {
  readonly warnings: string[] = [];

  constructor(private readonly logger: Logger) {}

  warn(message: string): void {
    if (this.warnings.includes(message)) return;
    this.warnings.push(message);
    this.logger.debug(`warning: ${message}`);
  }
}
