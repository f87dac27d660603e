/** Name and version recorded in reports and manifests; a test keeps it equal to package.json's. */
export const TOOL = { name: 'model-retrain-action', version: '0.1.0' } as const;
