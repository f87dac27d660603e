import type { RunReport } from './types.js';

/** The step outputs, as a pure view of the report (names match action.yml). */
export function reportOutputs(report: RunReport): Record<string, string> {
  const pub = report.publication;
  return {
    decision: report.decision,
    severity: report.severity,
    verdict: report.verdict?.status ?? '',
    version: pub ? String(pub.version) : '',
    'model-uri': pub?.uri ?? '',
    'previous-version':
      pub?.previousVersion != null
        ? String(pub.previousVersion)
        : report.champion
          ? String(report.champion.version)
          : '',
    outcome: report.outcome,
    report: report.path ?? '',
  };
}
