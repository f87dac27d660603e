import { gateHandoff } from './gate-verdict.js';
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
    'serving-version': servingVersion(report),
    report: report.path ?? '',
    // The check's verdict whole, for a later retrain job's gate-verdict input.
    'gate-verdict': report.gate ? JSON.stringify(gateHandoff(report)) : '',
  };
}

/** The version the alias serves after the run, where the run knows it. */
function servingVersion(report: RunReport): string {
  const pub = report.publication;
  if (pub?.superseded) return pub.superseded.serving === null ? '' : String(pub.superseded.serving);
  if (pub?.aliasMoved) return String(pub.version);
  return report.champion ? String(report.champion.version) : '';
}
