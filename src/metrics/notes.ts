import type { Logger } from '../logger.js';

/** Warnings of one fetch: logged once each and returned in MetricsResult.warnings. */
export class Notes {
  readonly warnings: string[] = [];

  constructor(private readonly logger: Logger) {}

  warn(message: string): void {
    if (this.warnings.includes(message)) return;
    this.warnings.push(message);
    this.logger.warning(message);
  }
}
