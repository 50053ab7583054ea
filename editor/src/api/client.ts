import type {
  AuthStatus,
  Credential,
  CredentialSummary,
  CredentialType,
  Execution,
  JsonObject,
  LoadedOption,
  MigratedParameters,
  NodeRun,
  NodeType,
  ExecutionPage,
  Settings,
  TriggerInfo,
  User,
  WebhookInfo,
  Workflow,
  WorkflowPage,
} from './types';

/** One problem the server names: its path, what is wrong, and the same as the user sees it (`text`). */
export interface FieldError {
  path: string;
  message: string;
  text?: string;
}

/** An API answer other than 2xx, read from its RFC 9457 problem+json body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title || `HTTP ${status}`);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the server answers 401 to a signed-in call (the session expired). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown;
  const text = await res.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (body && typeof body === 'object') {
    const b = body as { title?: string; detail?: string; message?: string; errors?: FieldError[] };
    return new ApiError(
      res.status,
      b.title ?? res.statusText,
      b.detail ?? b.message ?? '',
      Array.isArray(b.errors) ? b.errors : [],
    );
  }
  return new ApiError(res.status, res.statusText, text || `HTTP ${res.status}`);
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean } = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json' },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (!res.ok) {
    const err = await readError(res);
    if (res.status === 401 && !opts.quiet401) {
      unauthorizedListeners.forEach((l) => l());
    }
    throw err;
  }
  if (res.status === 204) {
    return undefined as T;
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;
const V1 = '/api/v1';

function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
  return q ? `?${q}` : '';
}

export const api = {
  authStatus: () => request<AuthStatus>('GET', `${V1}/auth/status`, undefined, { quiet401: true }),
  setup: (email: string, password: string, name: string) =>
    request<User>('POST', `${V1}/auth/setup`, { email, password, name }, { quiet401: true }),
  login: (email: string, password: string) =>
    request<User>('POST', `${V1}/auth/login`, { email, password }, { quiet401: true }),
  logout: () => request<void>('POST', `${V1}/auth/logout`),

  settings: () => request<Settings>('GET', `${V1}/settings`),

  listWorkflows: (p: { limit?: number; offset?: number; name?: string } = {}) =>
    request<WorkflowPage>(
      'GET',
      `${V1}/workflows${query({ limit: p.limit ?? 100, offset: p.offset ?? 0, name: p.name })}`,
    ),
  getWorkflow: (id: string) => request<Workflow>('GET', `${V1}/workflows/${enc(id)}`),
  createWorkflow: (wf: Workflow) => request<Workflow>('POST', `${V1}/workflows`, wf),
  updateWorkflow: (id: string, wf: Workflow) => request<Workflow>('PUT', `${V1}/workflows/${enc(id)}`, wf),
  deleteWorkflow: (id: string) => request<void>('DELETE', `${V1}/workflows/${enc(id)}`),
  importWorkflow: (wf: unknown) => request<Workflow>('POST', `${V1}/workflows/import`, wf),
  activate: (id: string) => request<Workflow>('POST', `${V1}/workflows/${enc(id)}/activate`),
  deactivate: (id: string) => request<Workflow>('POST', `${V1}/workflows/${enc(id)}/deactivate`),
  webhooks: (id: string) => request<WebhookInfo[]>('GET', `${V1}/workflows/${enc(id)}/webhooks`),
  triggers: (id: string) => request<TriggerInfo[]>('GET', `${V1}/workflows/${enc(id)}/triggers`),
  run: (id: string, body: { startNode?: string; input?: JsonObject[]; workflow?: Workflow } = {}) =>
    request<Execution>('POST', `${V1}/workflows/${enc(id)}/run`, body),
  runDraft: (workflow: Workflow, body: { startNode?: string; input?: JsonObject[] } = {}) =>
    request<Execution>('POST', `${V1}/workflows/run`, { ...body, workflow }),
  /** starts a manual run and answers at once; follow it with getExecution, stop it with cancelExecution */
  startRun: (id: string | undefined, body: { startNode?: string; input?: JsonObject[]; workflow?: Workflow }) =>
    request<{ executionId: string }>(
      'POST',
      id ? `${V1}/workflows/${enc(id)}/run?wait=false` : `${V1}/workflows/run?wait=false`,
      body,
    ),
  listenTestWebhook: (id: string, workflow?: Workflow) =>
    request<{ testUrls: string[]; expiresAt: string }>(
      'POST',
      `${V1}/workflows/${enc(id)}/test-webhook`,
      workflow ? { workflow } : {},
    ),
  testWebhookState: (id: string) =>
    request<{ listening: boolean; executionId: string | null }>('GET', `${V1}/workflows/${enc(id)}/test-webhook`),

  listExecutions: (p: { workflowId?: string; status?: string; limit?: number; offset?: number } = {}) =>
    request<ExecutionPage>('GET', `${V1}/executions${query({ ...p, limit: p.limit ?? 50, offset: p.offset ?? 0 })}`),
  getExecution: (id: string) => request<Execution>('GET', `${V1}/executions/${enc(id)}`),
  deleteExecution: (id: string) => request<void>('DELETE', `${V1}/executions/${enc(id)}`),
  /** n8n's two retry modes: the workflow version it ran ('original') or the workflow as saved now ('current') */
  retryExecution: (id: string, workflow: 'original' | 'current' = 'original') =>
    request<Execution>('POST', `${V1}/executions/${enc(id)}/retry?workflow=${workflow}`),
  workflowVersion: (id: string, versionId: string) =>
    request<Workflow>('GET', `${V1}/workflows/${enc(id)}/versions/${enc(versionId)}`),
  cancelExecution: (id: string) =>
    request<{ id: string; status: string }>('POST', `${V1}/executions/${enc(id)}/cancel`),

  /** the live preview: evaluated as a run of `node` in `workflow` would, over the runs of the last execution */
  previewExpression: (body: {
    expression: string;
    workflow: Workflow;
    node: string;
    runData: Record<string, NodeRun[]>;
    itemIndex?: number;
  }) => request<{ ok: boolean; text: string; type?: string }>('POST', `${V1}/expressions/preview`, body),

  nodeTypes: () => request<NodeType[]>('GET', `${V1}/node-types`),
  /** the node's parameters as Hearth reads them (its version migrations applied) */
  migrateParameters: (type: string, body: { typeVersion: number; parameters: JsonObject }) =>
    request<MigratedParameters>('POST', `${V1}/node-types/${enc(type)}/migrate`, body),
  loadOptions: (
    type: string,
    body: { method: string; parameters: JsonObject; credentials?: Record<string, { id: string }>; search?: string },
  ) => request<LoadedOption[]>('POST', `${V1}/node-types/${enc(type)}/load-options`, body),
  nodeIconUrl: (type: string) => `${V1}/node-types/${enc(type)}/icon`,
  credentialTypes: () => request<CredentialType[]>('GET', `${V1}/credential-types`),

  listCredentials: (type?: string) => request<CredentialSummary[]>('GET', `${V1}/credentials${query({ type })}`),
  getCredential: (id: string) => request<Credential>('GET', `${V1}/credentials/${enc(id)}`),
  createCredential: (c: { name: string; type: string; data: JsonObject }) =>
    request<Credential>('POST', `${V1}/credentials`, c),
  updateCredential: (id: string, c: { name?: string; data: JsonObject }) =>
    request<Credential>('PUT', `${V1}/credentials/${enc(id)}`, c),
  deleteCredential: (id: string) => request<void>('DELETE', `${V1}/credentials/${enc(id)}`),
  /** starts a browser sign-in: the URL to open (the provider's page, which comes back to Hearth's callback) */
  credentialSignIn: (id: string) =>
    request<{ url: string; redirectUri: string }>('POST', `${V1}/credentials/${enc(id)}/sign-in`),
  /** Disconnect: revoked at the provider and removed from the credential */
  credentialSignOut: (id: string) =>
    request<{ signedIn: boolean; revoked: boolean; message?: string }>('POST', `${V1}/credentials/${enc(id)}/sign-out`),
  /** the workflows using a credential, listed before it is deleted */
  credentialUsage: (id: string) =>
    request<Array<{ id: string; name: string; active: boolean }>>('GET', `${V1}/credentials/${enc(id)}/workflows`),
  testCredential: (c: { type: string; data: JsonObject; id?: string }) =>
    request<{ status: 'OK' | 'FAILED' | 'UNSUPPORTED'; message?: string }>('POST', `${V1}/credentials/test`, c),
};

export type Api = typeof api;
