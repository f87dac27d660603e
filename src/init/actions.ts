/**
 * Third-party actions the starter workflow uses, pinned by commit SHA (a tag can be moved; a
 * commit cannot). Dependabot's github-actions updates keep SHA pins and their version comments
 * current in the user's repository.
 */
export const PINNED_ACTIONS = {
  checkout: {
    uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    version: 'v5.0.0',
  },
  setupPython: {
    uses: 'actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c',
    version: 'v6.0.0',
  },
  awsCredentials: {
    uses: 'aws-actions/configure-aws-credentials@a03048d87541d1d9fcf2ecf528a4a65ba9bd7838',
    version: 'v5.0.0',
  },
  uploadArtifact: {
    uses: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
    version: 'v4.6.2',
  },
} as const;

/** This action: the major tag moves with every compatible release (see the release workflow). */
export const THIS_ACTION = 'model-retrain-action/model-retrain-action@v0';

/** `uses: owner/repo@sha # vX.Y.Z` */
export function usesLine(action: { uses: string; version: string }): string {
  return `${action.uses} # ${action.version}`;
}
