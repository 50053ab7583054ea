/**
 * Wire types of Hearth's REST API (docs/api.md). The API's answers are generated from the server's OpenAPI document
 * (openapi.json, kept equal to /v3/api-docs by the server's OpenApiSpecTest; `npm run generate:api` writes
 * generated/schema.d.ts, which the build, tests and lint run first). Below them: the refinements the document cannot
 * state (any JSON value is `unknown` there, `Json` here), then the hand-written types of what the API carries but
 * does not describe field by field: the node and credential JSON Schemas of the ui-schema module.
 */
import type { components } from './generated/schema';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

type Api = components['schemas'];
/** `T` with the fields of `R` typed as `R` says; a field `R` names that `T` lacks fails the type check. */
type Refine<T, R extends { [K in keyof R]: K extends keyof T ? unknown : never }> = Omit<T, keyof R> & R;

export type User = Api['User'];
export type AuthStatus = Api['AuthStatus'];
export type Settings = Api['Settings'];

export type Connection = Api['Connection'];
/** n8n connections: keyed by source node NAME, then type ("main"), then output index. */
export type Connections = Record<string, Record<string, Array<Connection[] | null>>>;

export type OnError = NonNullable<Api['WorkflowNode']['onError']>;

export type WorkflowNode = Refine<Api['WorkflowNode'], { position: [number, number]; parameters: JsonObject }> & {
  [extra: string]: unknown;
};

export type Workflow = Refine<
  Api['Workflow'],
  { nodes: WorkflowNode[]; connections: Connections; settings?: JsonObject; pinData?: Record<string, Item[]> }
> & { [extra: string]: unknown };

export type WorkflowSummary = Api['WorkflowSummary'];
export type WorkflowPage = Refine<Api['WorkflowPage'], { data: WorkflowSummary[] }>;

export type BinaryRef = Refine<Api['BinaryRef'], { fileSize?: number | string }>;
export type Item = Refine<Api['Item'], { json: JsonObject; binary?: Record<string, BinaryRef> }> & {
  [k: string]: unknown;
};

export type NodeRun = Refine<
  Api['NodeRun'],
  {
    error: (Api['NodeError'] & { [k: string]: unknown }) | null;
    input?: Item[][];
    output?: Item[][];
  }
>;

export type ExecutionSummary = Api['ExecutionSummary'];
export type ExecutionPage = Refine<Api['ExecutionPage'], { data: ExecutionSummary[] }>;
export type NodeProgress = Api['NodeProgress'];
export type Execution = Refine<Api['Execution'], { nodes?: Record<string, NodeRun[]> }>;

export type NodeType = Refine<Api['NodeType'], { schema: JsonSchema }>;
export type CredentialType = Refine<Api['CredentialType'], { schema: JsonSchema }>;
export type CredentialSummary = Api['CredentialSummary'];
export type Credential = Refine<Api['Credential'], { data: JsonObject }>;
export type LoadedOption = Refine<Api['LoadedOption'], { value: Json }>;
/** A node's parameters as Hearth reads them: the form of `typeVersion`, reached by `steps`. */
export type MigratedParameters = Refine<Api['MigratedParameters'], { parameters: JsonObject }>;
export type WebhookInfo = Api['WebhookInfo'];
export type TriggerInfo = Api['TriggerInfo'];

// Not API answers: parts of the node and credential JSON Schemas (NodeType.schema), written by the ui-schema module.

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
