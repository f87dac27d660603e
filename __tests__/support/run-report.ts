/**
 * Checks what a run left for people and programs: the run report against the published schema
 * (schema/run-report.schema.json) and every Mermaid chart of the summary with Mermaid's parser.
 * Every end-to-end run goes through it (runAction, the CLI runs of the report tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseMermaidBlocks } from './mermaid.js';
import { repoRoot } from './python.js';

let validate: ValidateFunction | undefined;

/** Errors of a report against the published schema, one line each (empty when it validates). */
export function runReportErrors(report: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schema/run-report.schema.json'), 'utf8'),
    ) as object;
    validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  if (validate(report)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** Throws when the report does not validate or a chart of the summary does not parse. */
export async function checkRunArtifacts(
  report: unknown,
  summary: string | undefined,
): Promise<void> {
  if (report != null) {
    const errors = runReportErrors(report);
    if (errors.length)
      throw new Error(
        `the run report does not match schema/run-report.schema.json:\n${errors.join('\n')}`,
      );
  }
  if (summary) await parseMermaidBlocks(summary);
}
