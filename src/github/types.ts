/** The few fields of a GitHub issue we read. */
export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  htmlUrl: string;
  labels: string[];
}

export interface DeploymentRequest {
  ref: string;
  environment: string;
  task: string;
  description: string;
  payload: Record<string, unknown>;
  productionEnvironment?: boolean;
}

export interface DeploymentStatusRequest {
  state: 'success' | 'failure' | 'error' | 'inactive' | 'in_progress' | 'queued' | 'pending';
  description: string;
  logUrl?: string;
  environmentUrl?: string;
}

/** The GitHub permission a call needs, as written in a workflow's `permissions:` block. */
export type Permission = 'issues: write' | 'deployments: write';
