/** Wire types of Hearth's REST API (docs/api.md). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface User {
  email: string;
  name: string;
}
export interface AuthStatus {
  setupRequired: boolean;
  authenticated: boolean;
  user: User | null;
}

export interface Connection {
  node: string;
  type: string;
  index: number;
}
/** n8n connections: keyed by source node NAME, then type ("main"), then output index. */
export type Connections = Record<string, Record<string, Array<Connection[] | null>>>;

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface WorkflowNode {
  id?: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: JsonObject;
  credentials?: Record<string, { id: string; name?: string }>;
  disabled?: boolean;
  notes?: string;
  retryOnFail?: boolean;
  maxTries?: number;
  waitBetweenTries?: number;
  alwaysOutputData?: boolean;
  executeOnce?: boolean;
  onError?: OnError;
  webhookId?: string;
  [extra: string]: unknown;
}

export interface Workflow {
  id?: string;
  name: string;
  active?: boolean;
  nodes: WorkflowNode[];
  connections: Connections;
  settings?: JsonObject;
  versionId?: string;
  createdAt?: string;
  updatedAt?: string;
  /** n8n's pinned data: a node's output used instead of running it in manual runs */
  pinData?: Record<string, Item[]>;
  /** what keeps it from running or activating (the server saves unfinished work) */
  issues?: Array<{ path: string; message: string; text: string }>;
  [extra: string]: unknown;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  versionId?: string;
  nodeCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Item {
  json: JsonObject;
  binary?: Record<string, BinaryRef>;
  [k: string]: unknown;
}
export interface BinaryRef {
  mimeType?: string;
  fileName?: string;
  fileSize?: number | string;
  url?: string;
}

export interface NodeRun {
  runIndex: number;
  startedAt?: string;
  executionTimeMs?: number;
  attempts?: number;
  status: string;
  error: { message?: string; description?: string; [k: string]: unknown } | null;
  sources?: unknown;
  input?: Item[][];
  output?: Item[][];
  /** what the node's code printed (Code node console.log), when anything */
  console?: string[];
}

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  workflowName?: string;
  workflowVersionId?: string | null;
  status: string;
  mode: string;
  startedAt: string;
  stoppedAt?: string | null;
  durationMs?: number | null;
  retryOf?: string | null;
  error?: { message: string; node?: string } | null;
}

export interface NodeProgress {
  runs: number;
  items: number;
  running: boolean;
  failed: boolean;
}

export interface Execution extends ExecutionSummary {
  lastNodeExecuted?: string | null;
  nodes?: Record<string, NodeRun[]>;
  /** while it runs: how far each node got */
  progress?: Record<string, NodeProgress>;
}

export interface CredentialRequirement {
  type: string;
  required: boolean;
  displayOptions?: DisplayOptionsWire;
}

export interface DisplayOptionsWire {
  show?: Record<string, Json[]>;
  hide?: Record<string, Json[]>;
}

export interface DynamicOutputsWire {
  groupPath: string;
  labelField: string;
  extraWhenParameter?: string;
  extraWhenValue?: Json;
  extraOutputName?: string;
}

export interface NodeType {
  name: string;
  displayName: string;
  group: string | string[];
  categories: string[];
  icon: string;
  description: string;
  versions: number[];
  defaultVersion: number;
  inputs: string[];
  outputs: string[];
  /** the credential types (names, or requirements); `schema['x-node'].credentials` has their display options */
  credentials: Array<CredentialRequirement | string>;
  schema: JsonSchema;
}

export interface CredentialType {
  name: string;
  displayName: string;
  icon?: string;
  documentationUrl?: string;
  schema: JsonSchema;
  /** a browser sign-in fills `tokenField`: the form shows `buttonText` instead of that field */
  signIn?: { tokenField: string; buttonText: string };
  /** declares how it signs HTTP requests: offered in HTTP Request's "Predefined Credential Type" */
  signsRequests?: boolean;
}

export interface CredentialSummary {
  id: string;
  name: string;
  type: string;
  createdAt?: string;
  updatedAt?: string;
}
export interface Credential extends CredentialSummary {
  data: JsonObject;
  secretsSet?: string[];
}

export interface LoadedOption {
  name: string;
  value: Json;
  description?: string;
}

/** A node's parameters as Hearth reads them: the form of `typeVersion`, reached by `steps`. */
export interface MigratedParameters {
  typeVersion: number;
  parameters: JsonObject;
  steps: string[];
  /** the migrated form may be saved under the node's own version (reading it again changes nothing) */
  editable: boolean;
  /** parameters the node reads that no form shows (Edit Fields 1's `values`) */
  unshown: string[];
}

export interface WebhookInfo {
  node: string;
  method: string;
  path: string;
  productionUrl: string;
  testUrl: string;
  responseMode?: string;
}
export interface TriggerInfo {
  node: string;
  type: string;
  state: string;
  message?: string;
  since?: string;
}
export interface Settings {
  version?: string;
  webhookUrl?: string;
  webhookTestUrl?: string;
  timezone?: string;
}

/** A JSON Schema property as the ui-schema module writes it. */
export interface JsonSchema {
  title?: string;
  description?: string;
  type?: string;
  enum?: Json[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  default?: Json;
  readOnly?: boolean;
  writeOnly?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  'x-ui'?: UiHints;
  'x-node'?: {
    name: string;
    displayName: string;
    versions: number[];
    defaultVersion: number;
    group: string;
    categories: string[];
    icon: string;
    description: string;
    subtitle?: string;
    inputs: string[];
    outputs: string[];
    dynamicOutputs?: DynamicOutputsWire;
    dynamicInputs?: { countParameter: string; labelPrefix: string };
    credentials: CredentialRequirement[];
    aliases?: string[];
    keywords?: string[];
    documentationUrl?: string;
  };
  'x-credential'?: { name: string; displayName: string; icon?: string; documentationUrl?: string };
  [k: string]: unknown;
}

/** A choice; `unsupported` says why Hearth refuses it (an n8n value Hearth does not implement). */
export interface UiOption {
  name: string;
  value: Json;
  description?: string;
  unsupported?: string;
}
export interface LocatorModeWire {
  name: string;
  displayName: string;
  placeholder?: string;
  pattern?: string;
  dynamicOptions?: DynamicOptionsWire;
}
export interface DynamicOptionsWire {
  method: string;
  dependsOn: string[];
}

export interface UiHints {
  widget?: string;
  order?: number;
  placeholder?: string;
  hint?: string;
  rows?: number;
  secret?: boolean;
  required?: boolean;
  noDataExpression?: boolean;
  displayOptions?: DisplayOptionsWire;
  dynamicOptions?: DynamicOptionsWire;
  options?: UiOption[];
  multipleValues?: boolean;
  addButtonText?: string;
  groups?: { name: string; displayName: string }[];
  modes?: LocatorModeWire[];
  precision?: number;
  variants?: boolean;
  /** credentialType: which installed credential types are offered */
  credentialTypes?: { signsRequests?: boolean; excluded?: string[] };
  /** filter: n8n's operators */
  operators?: import('../form/FilterWidget').FilterOperatorWire[];
}
